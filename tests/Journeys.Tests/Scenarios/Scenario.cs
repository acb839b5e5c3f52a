using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Tests.Scenarios;

/// <summary>A journey driven event by event with a virtual clock, keeping its history and reminders for assertions.</summary>
public sealed class Scenario
{
    private int _next;
    public string Crn { get; }
    public string SentenceId { get; }
    public JourneyDriver Driver { get; }

    public Scenario(string crn = "X777519", string sentenceId = "S1", JourneyDecider? decider = null)
    {
        Crn = crn;
        SentenceId = sentenceId;
        Driver = new JourneyDriver(decider ?? new JourneyDecider(), JourneyId.For(crn, sentenceId), keepHistory: true);
    }

    public JourneyState State => Driver.State;
    public List<JourneyFact> History => Driver.History!;
    public List<ReminderCommand> Reminders => Driver.Commands!;

    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    public static Instant At(string isoDate, int hour = 10) =>
        D(isoDate).At(new LocalTime(hour, 0)).InZoneLeniently(JourneyDecider.London).ToInstant();

    public T Stamp<T>(T e, string? id = null) where T : JourneyEvent =>
        e with { EventId = id ?? $"{SentenceId}-e{++_next}", Crn = Crn, SentenceId = SentenceId };

    /// <summary>Delivers the event at 10:00 London on <paramref name="isoDate"/>, after every timer due before then.</summary>
    public Decision<JourneyFact> On<T>(string isoDate, T e, string? id = null) where T : JourneyEvent =>
        Driver.DeliverAt(Stamp(e, id), At(isoDate));

    public void RunUntil(string isoDate, int hour = 23) => Driver.RunUntil(At(isoDate, hour));

    public SentenceRecorded Sentence(string sentenceDate, int months, int days = 0, int remand = 0, string? offence = null,
        bool female = false, bool nfa = false, string region = "North East", KeyDates? dates = null) =>
        new(new SentenceTerms(D(sentenceDate), months, days, D(offence ?? sentenceDate).PlusDays(-30), remand),
            new PersonProfile("Newcastle", region, female, nfa), dates);

    /// <summary>Another sentence passed while this journey's person is in custody, consecutive to or concurrent with one of its sentences.</summary>
    public SentenceAdded Added(string sentenceId, string sentenceDate, int months, int days = 0, string? consecutiveTo = null,
        string? concurrentWith = null, int remand = 0, KeyDates? dates = null) =>
        new(sentenceId, new SentenceTerms(D(sentenceDate), months, days, D(sentenceDate).PlusDays(-30), remand),
            consecutiveTo is null ? [] : [consecutiveTo], concurrentWith is null ? [] : [concurrentWith], dates);

    public IEnumerable<Stage> Stages => History.OfType<StageChanged>().Select(s => s.To);
    public Deadline Open(string ruleId) => State.OpenDeadline(ruleId) ?? throw new Xunit.Sdk.XunitException($"no open {ruleId}; open: {string.Join(", ", State.Deadlines.Select(d => d.TaskId))}");
    public IEnumerable<ReminderCommand> RemindersFor(string ruleId) => Reminders.Where(r => r.RuleId == ruleId);
    public IEnumerable<T> Facts<T>() => History.OfType<T>();
}
