namespace ShortSentences.Journeys.Simulation;

/// <summary>One person's contribution to the report, added up in a fixed order so that runs are reproducible.</summary>
internal sealed class PersonTally
{
    public int Journeys;
    public long Transitions, Upcoming, DueToday, Overdue, Escalation, OverdueTasks, Recalls, PssBreaches, EndedByPssRepeal,
        Ended, HdcReleases, SuspendedInstead, NewSentences, Parked, Duplicates, Rejected;
    public bool Woman, NoFixedAbode;
    public readonly List<int> LicenceDays = new(2), PssDays = new(2);
    public readonly Dictionary<string, long> Laws = new(4);
}
