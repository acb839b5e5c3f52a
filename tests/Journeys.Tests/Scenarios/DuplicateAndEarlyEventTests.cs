using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class DuplicateAndEarlyEventTests
{
    [Fact]
    public void Events_that_arrive_before_the_sentence_are_kept_and_applied_when_it_arrives()
    {
        var s = new Scenario();
        s.On("2025-03-03", new ReceivedIntoCustody(D("2025-03-03"), "HMP Durham", "North East"), "reception-1");
        s.On("2025-03-04", new ComAllocated("Sam Jones"), "allocation-1");
        Assert.Equal(Stage.AwaitingSentence, s.State.Stage);
        Assert.Equal(2, s.State.Parked.Count);
        Assert.Empty(s.Driver.Decider.OpenTimers(s.State));

        s.On("2025-03-05", s.Sentence("2025-03-03", months: 8));
        Assert.Empty(s.State.Parked);
        Assert.Equal(Stage.InCustody, s.State.Stage);
        Assert.Equal("Sam Jones", s.State.Com);
        Assert.Null(s.State.OpenDeadline("com-allocation-ssf"));
        Assert.Equal(D("2025-03-06"), s.Open("screening-part-1").DueDate);
    }

    [Fact]
    public void A_duplicate_event_changes_nothing_whether_it_was_parked_or_applied()
    {
        var s = new Scenario();
        var reception = new ReceivedIntoCustody(D("2025-03-03"), "HMP Durham", "North East");
        s.On("2025-03-03", reception, "reception-1");
        Assert.Same(Decision<JourneyFact>.Nothing, s.On("2025-03-03", reception, "reception-1"));
        s.On("2025-03-05", s.Sentence("2025-03-03", months: 8));
        var before = s.State;
        Assert.Same(Decision<JourneyFact>.Nothing, s.Driver.Deliver(s.Stamp(reception, "reception-1"), At("2025-03-05", 11)));
        Assert.Same(before, s.State);
        s.On("2025-03-06", new ComAllocated("Sam Jones"), "allocation-1");
        var after = s.State;
        Assert.Same(Decision<JourneyFact>.Nothing, s.Driver.Deliver(s.Stamp(new ComAllocated("Someone Else"), "allocation-1"), At("2025-03-06", 11)));
        Assert.Equal("Sam Jones", s.State.Com);
        Assert.Same(after, s.State);
    }

    [Fact]
    public void Out_of_order_events_that_cannot_apply_are_rejected_with_a_reason_in_the_history()
    {
        var s = new Scenario();
        s.On("2025-03-03", s.Sentence("2025-03-03", months: 8));
        s.On("2025-03-04", new HomeVisitDone(D("2025-03-04")));
        s.On("2025-03-04", new RecallDecided(D("2025-03-04"), RecallType.FixedTerm));
        s.On("2025-03-04", new ScreeningCompleted(D("2025-03-04"), 3, [], []));
        var rejected = s.Facts<EventRejected>().ToList();
        Assert.Equal(["home-visit-done", "recall-decided", "screening-completed"], rejected.Select(r => r.EventType));
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Equal(Stage.Sentenced, s.State.Stage);
    }

    [Fact]
    public void A_release_that_arrives_before_the_reception_is_applied_with_the_reception_implied()
    {
        var s = new Scenario();
        s.On("2025-03-03", s.Sentence("2025-03-03", months: 1));
        s.On("2025-03-18", new Released(D("2025-03-18")));
        Assert.Equal(Stage.Licence, s.State.Stage);
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("reception implied"));
        s.On("2025-03-19", new ReceivedIntoCustody(D("2025-03-03"), "HMP Durham", "North East"));
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("not as a recall"));
        Assert.Equal(Stage.Licence, s.State.Stage);
    }

    [Fact]
    public void Events_after_the_end_and_events_without_an_id_are_rejected_not_dropped()
    {
        var s = new Scenario();
        s.On("2025-03-03", s.Sentence("2025-03-03", months: 2));
        s.On("2025-03-04", new JourneyTerminated("sentence quashed on appeal"));
        Assert.Equal(Stage.Ended, s.State.Stage);
        Assert.Empty(s.State.Deadlines);
        s.On("2025-03-05", new ComAllocated("Sam Jones"));
        Assert.Contains("ended", s.Facts<EventRejected>().Last().Reason);
        s.Driver.Deliver(new ComAllocated("Sam Jones") { EventId = "" }, At("2025-03-05"));
        Assert.Contains("no id", s.Facts<EventRejected>().Last().Reason);
    }
}

public class BadSentenceTests
{
    [Fact]
    public void A_sentence_with_no_length_is_rejected_and_the_journey_waits_for_a_valid_one()
    {
        var s = new Scenario();
        s.On("2025-03-03", s.Sentence("2025-03-03", months: 0));
        Assert.Contains("length must be positive", Assert.Single(s.Facts<EventRejected>()).Reason);
        Assert.Equal(Stage.AwaitingSentence, s.State.Stage);
        Assert.Null(s.State.Dates);
        s.On("2025-03-03", s.Sentence("2025-03-03", months: 3));
        Assert.True(s.State.Started);
        Assert.Equal(Stage.Sentenced, s.Stages.First());
    }

    [Fact]
    public void Events_are_routed_by_CRN_and_sentence()
    {
        var e = new ComAllocated("Sam Jones") { EventId = "e1", Crn = " x777519 ", SentenceId = "S2" };
        Assert.Equal("J-X777519-S2", JourneyId.Of(e));
    }
}
