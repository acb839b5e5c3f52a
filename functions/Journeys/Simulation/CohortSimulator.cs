using System.Diagnostics;
using NodaTime;
using ShortSentences.Journeys.Rules;

namespace ShortSentences.Journeys.Simulation;

/// <summary>
/// Drives a synthetic cohort through the journeys. People are independent (each has its own seeded generator and
/// virtual clock), so they run in parallel and their tallies are added up in person order: the same seed gives the
/// same report whatever the number of cores.
/// </summary>
public static class CohortSimulator
{
    public static SimulationReport Run(SimulationOptions o, CohortRates? rates = null)
    {
        if (o.People < 0) throw new ArgumentException("people must not be negative");
        if (o.To < o.From) throw new ArgumentException("--to must not be before --from");
        rates ??= new CohortRates();
        var watch = Stopwatch.StartNew();
        var decider = new JourneyDecider(o.Policy, o.Law);
        var span = Period.Between(o.From, o.To, PeriodUnits.Days).Days + 1;
        var tallies = new PersonTally[o.People];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism > 0 ? o.Parallelism : Environment.ProcessorCount };
        Parallel.For(0, o.People, parallel, i =>
        {
            var person = new PersonSimulation(decider, rates, o.Seed, i, o.To);
            var firstSentence = o.From.PlusDays((int)(Fraction(o.Seed, i) * span));
            tallies[i] = person.Run(firstSentence);
        });
        return Aggregate(o, tallies, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The events each journey of the first <paramref name="people"/> people received, in order (benchmark input).</summary>
    public static List<(string JourneyId, List<(Events.JourneyEvent Event, Instant At)> Inputs)> RecordInputs(SimulationOptions o, int people)
    {
        var decider = new JourneyDecider(o.Policy, o.Law);
        var span = Period.Between(o.From, o.To, PeriodUnits.Days).Days + 1;
        var all = new List<(string, List<(Events.JourneyEvent, Instant)>)>();
        for (var i = 0; i < people; i++)
        {
            var person = new PersonSimulation(decider, new CohortRates(), o.Seed, i, o.To) { RecordInputs = true };
            person.Run(o.From.PlusDays((int)(Fraction(o.Seed, i) * span)));
            foreach (var j in person.Journeys) all.Add((j.State.JourneyId, j.Inputs!));
        }
        return all;
    }

    /// <summary>Sentence dates spread evenly over the period, from the seed alone.</summary>
    private static double Fraction(ulong seed, int i) => new Random((int)((seed * 31 + (ulong)i * 2654435761UL) & 0x7fffffff)).NextDouble();

    private static SimulationReport Aggregate(SimulationOptions o, PersonTally[] tallies, double seconds)
    {
        long Sum(Func<PersonTally, long> f) { long n = 0; foreach (var t in tallies) n += f(t); return n; }
        var licence = new List<int>();
        var pss = new List<int>();
        var laws = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in tallies)
        {
            licence.AddRange(t.LicenceDays);
            pss.AddRange(t.PssDays);
            foreach (var (id, n) in t.Laws) laws[id] = laws.GetValueOrDefault(id) + n;
        }
        var reminders = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["upcoming"] = Sum(t => t.Upcoming),
            ["dueToday"] = Sum(t => t.DueToday),
            ["overdue"] = Sum(t => t.Overdue),
            ["escalation"] = Sum(t => t.Escalation),
        };
        return new SimulationReport(
            People: o.People,
            Journeys: (int)Sum(t => t.Journeys),
            Transitions: Sum(t => t.Transitions),
            WallSeconds: Math.Round(seconds, 2),
            Law: o.LawLabel,
            Seed: o.Seed,
            From: o.From.ToString("yyyy-MM-dd", null),
            To: o.To.ToString("yyyy-MM-dd", null),
            LicenceDays: Spread.Of(licence),
            PssDays: Spread.Of(pss),
            RemindersByKind: reminders,
            OverdueTasks: Sum(t => t.OverdueTasks),
            Recalls: Sum(t => t.Recalls),
            PssBreaches: Sum(t => t.PssBreaches),
            EndedByPssRepeal: Sum(t => t.EndedByPssRepeal),
            JourneysEnded: Sum(t => t.Ended),
            Women: Sum(t => t.Woman ? 1 : 0),
            NoFixedAbode: Sum(t => t.NoFixedAbode ? 1 : 0),
            HdcReleases: Sum(t => t.HdcReleases),
            SuspendedInstead: Sum(t => t.SuspendedInstead),
            NewSentencesWhileSupervised: Sum(t => t.NewSentences),
            ParkedEvents: Sum(t => t.Parked),
            DuplicatesIgnored: Sum(t => t.Duplicates),
            RejectedEvents: Sum(t => t.Rejected),
            LawApplied: laws);
    }
}
