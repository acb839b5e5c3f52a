namespace ShortSentences.Journeys.Simulation;

public sealed record Spread(int Min, int Median, int Max, int Count)
{
    public static Spread Of(List<int> values)
    {
        if (values.Count == 0) return new(0, 0, 0, 0);
        values.Sort();
        return new(values[0], values[values.Count / 2], values[^1], values.Count);
    }
}

/// <summary>What the simulator writes. Apart from <see cref="WallSeconds"/> the same seed gives the same report.</summary>
public sealed record SimulationReport(
    int People,
    int Journeys,
    long Transitions,
    double WallSeconds,
    string Law,
    ulong Seed,
    string From,
    string To,
    Spread LicenceDays,
    Spread PssDays,
    SortedDictionary<string, long> RemindersByKind,
    long OverdueTasks,
    long Recalls,
    long PssBreaches,
    long EndedByPssRepeal,
    long JourneysEnded,
    long Women,
    long NoFixedAbode,
    long HdcReleases,
    long SuspendedInstead,
    long NewSentencesWhileSupervised,
    long ParkedEvents,
    long DuplicatesIgnored,
    long RejectedEvents,
    SortedDictionary<string, long> LawApplied);
