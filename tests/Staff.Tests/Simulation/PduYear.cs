using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;

namespace ShortSentences.Staff.Tests.Simulation;

/// <summary>
/// A year of one PDU driven through the journeys' own decider with <see cref="JourneyDriver"/> (the simulator's
/// engine, virtual clock and all): people sentenced through the year, staff who are on time most of the time, late
/// sometimes and very late now and then (so every kind of reminder is raised, escalations included). Seeded: the same
/// seed gives the same journeys and the same reminders.
/// </summary>
public static class PduYear
{
    public sealed record Result(IReadOnlyList<JourneyDriver> Journeys, IReadOnlyList<ReminderCommand> Commands);

    private static readonly int[] Months = [1, 2, 3, 4, 4, 6, 6, 6, 8, 10, 12];

    public static Result Run(int people, int seed, LocalDate from, LocalDate to, string pdu, IReadOnlyList<string> coms)
    {
        var decider = new JourneyDecider();
        var end = to.PlusDays(1).AtStartOfDayInZone(JourneyDecider.London).ToInstant();
        var journeys = new List<JourneyDriver>(people);
        for (var i = 0; i < people; i++)
        {
            var rng = new Random(seed * 7919 + i);
            var crn = $"X{600000 + i}";
            var driver = new JourneyDriver(decider, JourneyId.For(crn, "S1"), keepHistory: true);
            var n = 0;
            T Stamp<T>(T e) where T : JourneyEvent => e with { EventId = $"{crn}-e{++n}", Crn = crn, SentenceId = "S1" };
            Instant At(LocalDate day) => day.At(new LocalTime(10 + rng.Next(7), 0)).InZoneLeniently(JourneyDecider.London).ToInstant();
            // Staff behaviour: 80% within the allowed days, 15% a little late, 5% very late (past escalation).
            int Taking(int allowed)
            {
                var roll = rng.NextDouble();
                return roll < 0.80 ? rng.Next(0, Math.Max(1, allowed) + 1) : roll < 0.95 ? allowed + rng.Next(1, 4) : allowed + rng.Next(8, 15);
            }

            var female = rng.NextDouble() < 0.15;
            var nfa = rng.NextDouble() < 0.31;
            var sentenced = from.PlusDays(rng.Next(Period.Between(from, to, PeriodUnits.Days).Days));
            var terms = new SentenceTerms(sentenced, Months[rng.Next(Months.Length)], 0, sentenced.PlusDays(-rng.Next(20, 90)));
            driver.DeliverAt(Stamp(new SentenceRecorded(terms, new PersonProfile(pdu, "London", female, nfa))), At(sentenced));
            var plan = new List<(LocalDate On, JourneyEvent Event)>
            {
                (sentenced, new ReceivedIntoCustody(sentenced, female ? "DWI" : "LWI", female ? "Kent Surrey and Sussex" : "London")),
                (sentenced.PlusDays(Taking(5)), new ComAllocated(coms[rng.Next(coms.Count)], pdu)),
            };
            var part1 = sentenced.PlusDays(Taking(3));
            plan.Add((part1, new ScreeningCompleted(part1, 1, [], nfa ? [Pathway.Accommodation] : [])));
            plan.Add((part1.PlusDays(Taking(7)), new ScreeningCompleted(part1, 2, Enum.GetValues<Pathway>(), nfa ? [Pathway.Accommodation] : [])));
            if (driver.State.Dates is { } dates)
            {
                var release = dates.Crd < sentenced ? sentenced : dates.Crd;
                if (nfa) plan.Add((sentenced.PlusDays(Taking(7)), new DutyToReferMade(sentenced.PlusDays(7), "Lewisham")));
                plan.Add((release.PlusDays(-28 + Taking(0)), new ResettlementPlanCompleted(release.PlusDays(-28))));
                plan.Add((release.PlusDays(-5 + Taking(0)), new LicenceApproved(release.PlusDays(-5))));
                plan.Add((release, new Released(release)));
                plan.Add((release, new ContactRecorded(release, ContactKind.FaceToFace)));
                plan.Add((release.PlusDays(Taking(14)), new HomeVisitDone(release.PlusDays(7))));
                plan.Add((release.PlusDays(Taking(21)), new AssessmentAndPlanDone(release.PlusDays(14))));
                for (var contact = release.PlusDays(Taking(30)); contact <= dates.SupervisionEnd; contact = contact.PlusDays(Taking(30)))
                    plan.Add((contact, new ContactRecorded(contact, rng.NextDouble() < 0.8 ? ContactKind.FaceToFace : ContactKind.Video)));
                for (var review = release.PlusDays(Taking(91)); review <= dates.SupervisionEnd; review = review.PlusDays(Taking(91)))
                    plan.Add((review, new ReviewDone(review)));
                if (dates.Tused is { } tused && tused > dates.Sled)
                {
                    var induction = dates.Sled.PlusDays(1 + Taking(5));
                    plan.Add((induction, new ContactRecorded(induction, ContactKind.FaceToFace, Induction: true)));
                }
            }
            var last = At(sentenced);
            foreach (var (on, e) in plan.Where(p => p.On >= sentenced).OrderBy(p => p.On))
            {
                var at = At(on);
                if (at < last) at = last; // the same day, an earlier hour: keep the clock moving forward
                if (at >= end) break;
                driver.DeliverAt(Stamp(e), at);
                last = at;
            }
            driver.RunUntil(end.Minus(Duration.FromTicks(1)));
            journeys.Add(driver);
        }
        return new Result(journeys, journeys.SelectMany(j => j.Commands!).ToList());
    }
}
