using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

/// <summary>Issue 12, findings 1 to 4: the law in force from the first answer, one owner for HDCED, real dates, no future.</summary>
public class TrustworthyDatesTests
{
    // 5 months from 17 Aug 2026: 153 days. Sentenced under SDS40 (CRD 17 Oct 2026, with an HDCED); by 1 Dec 2026 adult
    // HDC has ended (2 Sep) and the progression model (1 Oct) releases at one third.
    [Fact]
    public void A_sentence_that_arrives_after_commencements_is_answered_at_once_under_the_law_in_force_and_the_history_names_each_commencement()
    {
        var s = new Scenario();
        var sentence = s.Sentence("2026-08-17", months: 5);
        var first = s.On("2026-12-01", sentence);

        var expected = s.Driver.Decider.Calculator.Calculate(sentence.Terms, D("2026-12-01"));
        Assert.Equal(expected, s.State.Dates);
        Assert.True(s.State.Dates!.Crd < D("2026-10-17"), $"CRD {s.State.Dates.Crd} should be under the progression model");
        Assert.Null(s.State.Dates.Hdced);
        var laws = first.Facts.OfType<LawApplied>().ToList();
        Assert.Contains(laws, l => l.LawId == "hdc-end" && l.Commenced == D("2026-09-02"));
        Assert.Contains(laws, l => l.LawId == "progression-574" && l.Commenced == D("2026-10-01") && l.Description.Contains("Progression model"));
        Assert.Equal(laws.OrderBy(l => l.Commenced).Select(l => l.LawId), laws.Select(l => l.LawId));
    }

    [Fact]
    public void Any_step_taken_after_a_commencement_whose_timer_has_not_fired_applies_that_law_first()
    {
        var s = new Scenario();
        s.Driver.Deliver(s.Stamp(s.Sentence("2026-08-17", months: 5)), At("2026-08-17"));
        Assert.NotNull(s.State.Dates!.Hdced);
        // No timers run: the runtime was slow; the next event still sees the law in force.
        var step = s.Driver.Deliver(s.Stamp(new ComAllocated("Jo Bloggs")), At("2026-10-02"));
        Assert.Null(s.State.Dates.Hdced);
        Assert.Contains(step.Facts.OfType<LawApplied>(), l => l.LawId == "progression-574");
    }

    [Fact]
    public void After_adult_HDC_ended_the_progression_model_does_not_bring_the_HDC_eligibility_date_back()
    {
        var s = new Scenario();
        s.On("2026-08-03", s.Sentence("2026-08-03", months: 12));
        s.RunUntil("2026-10-02");
        Assert.Contains(s.Facts<DatesChanged>(), c => c.LawId == "progression-574");
        Assert.Null(s.State.Dates!.Hdced);
        Assert.All(s.Facts<DatesChanged>().Where(c => c.LawId == "progression-574"), c => Assert.Null(c.After.Hdced));
    }

    [Fact]
    public void A_COM_allocated_before_the_deadline_but_processed_after_it_is_recorded_as_met_on_the_day_of_the_allocation()
    {
        var s = new Scenario();
        s.On("2026-08-17", s.Sentence("2026-08-17", months: 5));
        var due = s.State.Deadlines.Single(d => d.RuleId.StartsWith("com-allocation")).DueDate;
        Assert.True(due < D("2026-12-01"), $"due {due}");
        s.RunUntil("2026-11-30");
        s.Driver.Deliver(s.Stamp(new ComAllocated("Jo Bloggs")) with { OccurredAt = At("2026-08-20") }, At("2026-12-01"));
        var met = Assert.Single(s.Facts<DeadlineMet>(), m => m.RuleId.StartsWith("com-allocation"));
        Assert.Equal(D("2026-08-20"), met.On);
        Assert.False(met.Late);
    }

    [Fact]
    public void A_release_dated_in_the_future_is_refused_and_the_person_stays_in_custody()
    {
        var s = new Scenario();
        s.On("2026-11-02", s.Sentence("2026-11-02", months: 6));
        var stage = s.State.Stage;
        var refusal = s.Driver.Decider.Refusal(s.State, s.Stamp(new Released(D("2027-01-10"))), D("2026-12-01"));
        Assert.Equal("on", refusal?.Field);
        s.On("2026-12-01", new Released(D("2027-01-10")));
        Assert.Equal(stage, s.State.Stage);
        Assert.Null(s.State.ReleasedOn);
        Assert.Contains("after today", s.Facts<EventRejected>().Last().Reason);
    }

    [Fact]
    public void A_breach_dated_2031_or_before_the_sentence_is_refused_and_changes_nothing()
    {
        var s = new Scenario();
        s.On("2026-06-01", s.Sentence("2026-06-01", months: 2));
        s.On("2026-07-01", new Released(D("2026-07-01")));
        Assert.Equal(Stage.Licence, s.State.Stage);
        s.On("2026-07-10", new LicenceBreached(D("2031-01-01"), "missed appointment"));
        Assert.Contains("after today", s.Facts<EventRejected>().Last().Reason);
        s.On("2026-07-10", new LicenceBreached(D("2026-05-01"), "missed appointment"));
        Assert.Contains("before the sentence", s.Facts<EventRejected>().Last().Reason);
        Assert.Null(s.State.Recall);
        Assert.Equal(Stage.Licence, s.State.Stage);
    }
}

/// <summary>Issue 12, finding 9: one title per task and task ids a person can read, without internal counters.</summary>
public class ReadableTaskTests
{
    [Theory]
    [InlineData("com-allocation-ssf", "COM allocation SSF")]
    [InlineData("com-allocation", "COM allocation")]
    [InlineData("pss-induction", "PSS induction")]
    [InlineData("licence-contact", "Licence contact")]
    public void Every_task_has_one_title_as_staff_say_it(string ruleId, string title) =>
        Assert.Equal(title, Policy.TaskTitles.Of(ruleId));

    [Fact]
    public void Recurring_tasks_are_named_by_the_day_they_fall_due_not_by_a_counter()
    {
        var s = new Scenario();
        s.On("2026-06-01", s.Sentence("2026-06-01", months: 2));
        s.On("2026-07-01", new Released(D("2026-07-01")));
        var contact = s.Open("licence-contact");
        Assert.Equal($"licence-contact-{contact.DueDate:yyyy-MM-dd}", contact.TaskId);
        Assert.All(s.State.Deadlines, d => Assert.Matches($"^{d.RuleId}(-\\d{{4}}-\\d{{2}}-\\d{{2}})?$", d.TaskId));
        // Two counted contacts on one day: the next contact task is still open.
        s.On("2026-07-08", new ContactRecorded(D("2026-07-08"), ContactKind.FaceToFace));
        s.On("2026-07-08", new ContactRecorded(D("2026-07-08"), ContactKind.FaceToFace));
        Assert.Equal("licence-contact-2026-08-07", s.Open("licence-contact").TaskId);
    }
}

/// <summary>Issue 12, finding 6: release dates on weekends and bank holidays, deadlines on working days.</summary>
public class WorkingDayTests
{
    // 3 months from 4 Oct 2026 under the progression model: CRD Sunday 3 Jan 2027 (the case, after the 1 Jan bank holiday).
    [Fact]
    public void A_release_date_on_a_Sunday_gives_the_working_day_of_release_in_words_and_the_release_deadlines_follow_it()
    {
        var s = new Scenario();
        var decider = s.Driver.Decider;
        var sunday = D("2027-01-03");
        Assert.Equal(D("2026-12-31"), decider.ExpectedReleaseDay(sunday));
        s.On("2026-11-30", s.Sentence("2026-10-04", months: 3, dates: new ShortSentences.Journeys.Law.KeyDates(sunday, D("2027-01-03").PlusMonths(2))));
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("Sunday 3 January 2027 is not a working day: release is expected on Thursday 31 December 2026"));
        Assert.Equal(D("2026-12-29"), s.Open("licence-approval").DueDate);
        Assert.All(s.State.Deadlines, d => Assert.True(decider.Holidays.IsWorkingDay(d.DueDate) || d.DueDate == s.State.ReleasedOn, $"{d.TaskId} due {d.DueDate}"));
    }

    [Fact]
    public void A_release_after_the_release_date_is_flagged_late()
    {
        var s = new Scenario();
        s.On("2026-06-01", s.Sentence("2026-06-01", months: 2));
        var crd = s.State.Dates!.Crd;
        s.On(crd.PlusDays(3).ToString("yyyy-MM-dd", null), new Released(crd.PlusDays(3)));
        Assert.Contains(s.Facts<Noted>(), n => n.What.StartsWith("released late"));
    }
}
