using NodaTime;
using ShortSentences.Calculation;
using ShortSentences.Calculation.Law;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

/// <summary>
/// Issue 12, finding 5: consecutive sentences make one term and concurrent sentences in the same custody are released
/// together at the latest date, so a sentence passed while the person is still inside joins that journey.
/// </summary>
public class OneCustodialTermTests
{
    // 6 months from 2 Nov 2026 under the progression model (one third): release Friday 1 January 2027, SLED 1 May 2027.
    private static Scenario InCustody()
    {
        var s = new Scenario();
        s.On("2026-11-02", s.Sentence("2026-11-02", months: 6, offence: "2026-10-31"));
        s.On("2026-11-03", new ReceivedIntoCustody(D("2026-11-02"), "DMI", "North East"));
        Assert.Equal(D("2027-01-01"), s.State.Dates!.Crd);
        Assert.Equal(D("2027-05-01"), s.State.Dates.Sled);
        return s;
    }

    /// <summary>The calculator's own answer for the booking of both sentences, as CRDS combines them.</summary>
    private static IReadOnlyDictionary<ReleaseDateType, LocalDate> Overall(LocalDate onDay, params Sentence[] sentences) =>
        ReleaseDateCalculator.Calculate(new Booking(onDay.PlusYears(-30), sentences, []),
            new CalculationOptions(Legislation.AsInForce(onDay), FeatureToggles.None)).Dates;

    [Fact]
    public void A_consecutive_sentence_joins_the_journey_in_custody_and_its_dates_become_the_overall_term_not_an_earlier_SLED()
    {
        var s = InCustody();
        // On its own, 4 months from 16 November 2026 would end on 15 March 2027, before the first sentence's SLED:
        // on main this started a separate journey J-X777519-S2 with that earlier SLED.
        s.On("2026-11-16", s.Added("S2", "2026-11-16", months: 4, consecutiveTo: "S1"));

        var overall = Overall(D("2026-11-16"),
            new Sentence("S1", D("2026-11-02"), D("2026-10-02"), Calculation.Duration.OfMonths(6)),
            new Sentence("S2", D("2026-11-16"), D("2026-10-17"), Calculation.Duration.OfMonths(4), ["S1"]));
        Assert.Equal(overall[ReleaseDateType.CRD], s.State.Dates!.Crd);
        Assert.Equal(overall[ReleaseDateType.SLED], s.State.Dates.Sled);
        // 10 months from 2 November 2026 as one term: 304 days, release at one third.
        Assert.Equal(D("2027-02-11"), s.State.Dates.Crd);
        Assert.Equal(D("2027-09-01"), s.State.Dates.Sled);
        Assert.Equal(304, s.State.SentenceDays);
        Assert.Equal(["S1", "S2"], s.State.Sentences.Select(x => x.SentenceId));
        Assert.Equal("J-X777519-S1", s.State.JourneyId);

        // The history says which sentence changed which date and why.
        var joined = Assert.Single(s.Facts<SentenceJoined>());
        Assert.Equal("S2", joined.Sentence.SentenceId);
        Assert.Contains("consecutive to S1", joined.Change);
        var changed = Assert.Single(s.Facts<DatesChanged>(), c => c.SentenceId is not null);
        Assert.Equal("S2", changed.SentenceId);
        Assert.Contains("release Friday 1 January 2027 to Thursday 11 February 2027", changed.Reason);
        Assert.Contains("SLED Saturday 1 May 2027 to Wednesday 1 September 2027", changed.Reason);

        // The release deadlines follow the term's release, not the first sentence's.
        Assert.Equal(D("2027-02-12"), s.Open("release-recorded").DueDate);
        s.RunUntil("2027-01-04");
        Assert.Equal(Stage.PreRelease, s.State.Stage);

        // The prison's release on the term's release date puts the person on licence to the overall SLED, once.
        s.On("2027-02-11", new Released(D("2027-02-11")));
        Assert.Equal(Stage.Licence, s.State.Stage);
        Assert.Null(s.State.OpenDeadline("release-recorded"));
        s.RunUntil("2027-05-03");
        Assert.Equal(Stage.Licence, s.State.Stage); // the first sentence's own SLED (1 May) does not end the licence
        s.RunUntil("2027-09-02");
        Assert.Equal(Stage.Ended, s.State.Stage);
        Assert.Contains("2027-09-01", s.State.EndReason);
    }

    [Fact]
    public void A_concurrent_sentence_ending_sooner_moves_no_date_and_one_ending_later_sets_the_latest_release_for_both()
    {
        var s = InCustody();
        s.On("2026-11-16", s.Added("S2", "2026-11-16", months: 4, concurrentWith: "S1"));
        Assert.Equal(D("2027-01-01"), s.State.Dates!.Crd);
        Assert.Equal(D("2027-05-01"), s.State.Dates.Sled);
        Assert.DoesNotContain(s.Facts<DatesChanged>(), c => c.SentenceId is not null);
        Assert.Contains("unchanged", Assert.Single(s.Facts<SentenceJoined>()).Change);

        // 9 months from 16 November 2026: release on Sunday 14 February 2027, later than the first sentence's.
        s.On("2026-11-20", s.Added("S3", "2026-11-16", months: 9, concurrentWith: "S1"));
        var overall = Overall(D("2026-11-20"),
            new Sentence("S1", D("2026-11-02"), D("2026-10-02"), Calculation.Duration.OfMonths(6)),
            new Sentence("S2", D("2026-11-16"), D("2026-10-17"), Calculation.Duration.OfMonths(4)),
            new Sentence("S3", D("2026-11-16"), D("2026-10-17"), Calculation.Duration.OfMonths(9)));
        Assert.Equal(overall[ReleaseDateType.CRD], s.State.Dates.Crd);
        Assert.Equal(overall[ReleaseDateType.SLED], s.State.Dates.Sled);
        Assert.Equal(D("2027-02-14"), s.State.Dates.Crd);
        Assert.Equal(D("2027-08-15"), s.State.Dates.Sled);
        Assert.Equal("S3", s.Facts<DatesChanged>().Last().SentenceId);
        // The release falls on a Sunday: expected on Friday 12 February, and the release deadline follows that day.
        Assert.Equal(D("2027-02-15"), s.Open("release-recorded").DueDate);
        Assert.Equal(["S1", "S2", "S3"], s.State.Sentences.Select(x => x.SentenceId));
    }

    [Fact]
    public void A_sentence_passed_while_on_licence_cannot_join_and_the_licence_keeps_its_own_dates()
    {
        var s = InCustody();
        s.On("2027-01-01", new Released(D("2027-01-01")));
        Assert.Equal(Stage.Licence, s.State.Stage);
        s.On("2027-02-01", s.Added("S2", "2027-02-01", months: 4, concurrentWith: "S1"));
        Assert.Contains("no longer in custody", Assert.Single(s.Facts<EventRejected>()).Reason);
        Assert.Equal(Stage.Licence, s.State.Stage);
        Assert.Equal(D("2027-05-01"), s.State.Dates!.Sled);
        Assert.Equal(["S1"], s.State.Sentences.Select(x => x.SentenceId));
    }

    [Fact]
    public void A_sentence_naming_no_sentence_of_the_journey_or_one_already_in_it_is_rejected_with_the_reason()
    {
        var s = InCustody();
        s.On("2026-11-16", s.Added("S2", "2026-11-16", months: 4, consecutiveTo: "S9"));
        Assert.Contains("names sentence S9, which is not part of this journey", s.Facts<EventRejected>().Last().Reason);
        s.On("2026-11-16", s.Added("S2", "2026-11-16", months: 4));
        Assert.Contains("names no sentence", s.Facts<EventRejected>().Last().Reason);
        s.On("2026-11-16", s.Added("S1", "2026-11-16", months: 4, concurrentWith: "S1"));
        Assert.Contains("already part of this journey", s.Facts<EventRejected>().Last().Reason);
        Assert.Equal(D("2027-05-01"), s.State.Dates!.Sled);
        Assert.Equal(["S1"], s.State.Sentences.Select(x => x.SentenceId));
    }

    [Fact]
    public void A_later_commencement_goes_by_the_length_of_the_whole_term_not_of_the_first_sentence()
    {
        // 12 months from 1 June 2026 (365 days) is inside the progression model's first tranche (574 days or less);
        // with 8 months consecutive the term is 20 months (610 days, to 31 January 2028) and is not.
        var alone = new Scenario(sentenceId: "S1");
        alone.On("2026-06-01", alone.Sentence("2026-06-01", months: 12));
        alone.RunUntil("2026-10-01");
        Assert.Contains(alone.Facts<LawApplied>(), l => l.LawId == "progression-574" && l.Change.StartsWith("release moved"));

        var s = new Scenario();
        s.On("2026-06-01", s.Sentence("2026-06-01", months: 12));
        s.On("2026-07-01", s.Added("S2", "2026-07-01", months: 8, consecutiveTo: "S1"));
        Assert.Equal(610, s.State.SentenceDays);
        var before = s.State.Dates!;
        s.RunUntil("2026-10-01");
        var law = Assert.Single(s.Facts<LawApplied>(), l => l.LawId == "progression-574");
        Assert.Contains("outside this tranche", law.Change);
        Assert.Equal(before.Crd, s.State.Dates!.Crd);
    }
}
