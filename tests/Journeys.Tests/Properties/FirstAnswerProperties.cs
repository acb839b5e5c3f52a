using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;
using Xunit;

namespace ShortSentences.Journeys.Tests.Properties;

/// <summary>
/// Issue 12: whatever the sentence date (2024 to 2027), however late the sentence arrives and whatever came before it,
/// the journey's first answer gives the calculator's dates under the law in force on the day of the request.
/// </summary>
public class FirstAnswerProperties
{
    private static readonly JourneyDecider Decider = new();
    private static readonly Config Fixed = Config.QuickThrowOnFailure.WithMaxTest(300)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261201UL), FSharpOption<int>.None)));

    private static readonly LocalDate First = new(2024, 1, 1);

    [Fact]
    public void The_first_answer_gives_the_calculators_dates_under_the_law_in_force_on_the_day_of_the_request()
    {
        var cases =
            from offset in Gen.Choose(0, 4 * 365 - 1)
            from months in Gen.Choose(0, 23)
            from days in Gen.Choose(0, 30)
            from remand in Gen.Choose(0, 40)
            from delay in Gen.Choose(0, 500)
            from earlyFirst in Gen.Elements(false, true)
            select (offset, months, days: months == 0 && days == 0 ? 1 : days, remand, delay, earlyFirst);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var sentenceDate = First.PlusDays(c.offset);
            var requestDay = sentenceDate.PlusDays(c.delay);
            var terms = new SentenceTerms(sentenceDate, c.months, c.days, sentenceDate.PlusDays(-20), c.remand);
            var driver = new JourneyDriver(Decider, JourneyId.For("X1", "S1"));
            var at = requestDay.At(new LocalTime(10, 0)).InZoneLeniently(JourneyDecider.London).ToInstant();
            // Arrival order: an allocation may come first and wait for the sentence.
            if (c.earlyFirst)
                driver.Deliver(new ComAllocated("Jo Bloggs") { EventId = "early", Crn = "X1", SentenceId = "S1", OccurredAt = at }, at);
            driver.Deliver(new SentenceRecorded(terms, new PersonProfile("Newcastle", "North East")) { EventId = "s", Crn = "X1", SentenceId = "S1", OccurredAt = at }, at);
            var expected = Decider.Calculator.Calculate(terms, requestDay);
            Assert.True(expected == driver.State.Dates,
                $"sentenced {sentenceDate} {c.months}m{c.days}d remand {c.remand}, asked {requestDay}: journey {driver.State.Dates}, calculator {expected}");
        }).Check(Fixed);
    }
}
