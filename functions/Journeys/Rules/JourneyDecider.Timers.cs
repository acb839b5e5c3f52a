using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

// Time-driven transitions: reminders, the pre-release window, end of licence, end of PSS, commencement of laws.
public sealed partial class JourneyDecider
{
    private const string DeadlineTimer = "deadline/", PreReleaseTimer = "pre-release/", LicenceEndTimer = "licence-end/",
        PssEndTimer = "pss-end/", LawTimer = "law/";

    private Instant StartOf(LocalDate day) => day.AtStartOfDayInZone(London).ToInstant();

    public IReadOnlyCollection<JourneyTimer> OpenTimers(JourneyState state)
    {
        var timers = new List<JourneyTimer>(state.Deadlines.Length + 2);
        if (!state.Started || state.Stage == Stage.Ended) return timers;
        foreach (var d in state.Deadlines)
            if (d.TimerId is { } id) timers.Add(new JourneyTimer(id, d.Reminders[d.NextReminder].At));
        if (StageTimer(state) is { } stage) timers.Add(new JourneyTimer(StageTimerId(stage), StartOf(stage.Day)));
        if (NextLaw(state) is { } law) timers.Add(new JourneyTimer(LawTimer + law.Id, StartOf(law.Commences)));
        return timers;
    }

    /// <summary>The earliest open timer's instant, without allocating (the simulator's virtual clock asks after every step).</summary>
    public Instant? NextTimerAt(JourneyState state)
    {
        if (!state.Started || state.Stage == Stage.Ended) return null;
        Instant? next = null;
        foreach (var d in state.Deadlines)
            if (d.NextReminder < d.Reminders.Length && (next is null || d.Reminders[d.NextReminder].At < next)) next = d.Reminders[d.NextReminder].At;
        if (StageTimer(state) is { } stage && (next is null || StartOf(stage.Day) < next)) next = StartOf(stage.Day);
        if (NextLaw(state) is { } law && (next is null || StartOf(law.Commences) < next)) next = StartOf(law.Commences);
        return next;
    }

    public JourneyEvent TimerFired(JourneyTimer timer) =>
        new TimerDue(timer.Id, timer.DueAt) { EventId = $"timer:{timer.Id}@{timer.DueAt.ToUnixTimeTicks()}", OccurredAt = timer.DueAt };

    private bool IsOpen(JourneyState state, string timerId)
    {
        if (!state.Started || state.Stage == Stage.Ended) return false;
        if (timerId.StartsWith(DeadlineTimer, StringComparison.Ordinal))
        {
            var rest = timerId.AsSpan(DeadlineTimer.Length);
            var slash = rest.IndexOf('/');
            if (slash < 0 || !int.TryParse(rest[..slash], out var seq) || !int.TryParse(rest[(slash + 1)..], out var index)) return false;
            foreach (var d in state.Deadlines)
                if (d.Seq == seq) return d.NextReminder == index && index < d.Reminders.Length;
            return false;
        }
        if (timerId.StartsWith(LawTimer, StringComparison.Ordinal)) return NextLaw(state) is { } law && timerId.AsSpan(LawTimer.Length).SequenceEqual(law.Id);
        return StageTimer(state) is { } stage && StageTimerId(stage) == timerId;
    }

    /// <summary>The stage's own timer: its id prefix, the date in its id, and the day it fires (ids are built only when asked).</summary>
    private (string Prefix, LocalDate IdDay, LocalDate Day)? StageTimer(JourneyState s)
    {
        if (s.Dates is not { } dates) return null;
        if (s.InCustodyBeforeRelease && !s.PreReleaseStarted)
        {
            var window = dates.Crd.PlusDays(-Policy.PreReleaseWindowDays);
            return (PreReleaseTimer, window, window);
        }
        if (s.Stage is Stage.Licence or Stage.RecalledToCustody) return (LicenceEndTimer, dates.Sled, dates.Sled.PlusDays(1));
        if (s.Stage == Stage.Pss && dates.Tused is { } tused) return (PssEndTimer, tused, tused.PlusDays(1));
        return null;
    }

    private static string StageTimerId((string Prefix, LocalDate IdDay, LocalDate Day) t) => $"{t.Prefix}{t.IdDay:yyyy-MM-dd}";

    private Law.LawChange? NextLaw(JourneyState s)
    {
        if (s.Terms is not { } terms) return null;
        foreach (var law in Law.Changes)
            if (law.Commences > terms.SentenceDate && !s.LawsApplied.Contains(law.Id)) return law;
        return null;
    }

    private void OnTimer(Step step, TimerDue timer)
    {
        var id = timer.TimerId;
        if (id.StartsWith(DeadlineTimer, StringComparison.Ordinal))
        {
            var seq = int.Parse(id.AsSpan(DeadlineTimer.Length, id.IndexOf('/', DeadlineTimer.Length) - DeadlineTimer.Length));
            foreach (var d in step.State.Deadlines)
                if (d.Seq == seq) { OnDeadlineTimer(step, d); return; }
        }
        else if (id.StartsWith(PreReleaseTimer, StringComparison.Ordinal)) StartPreRelease(step);
        else if (id.StartsWith(LicenceEndTimer, StringComparison.Ordinal)) OnLicenceEnd(step);
        else if (id.StartsWith(PssEndTimer, StringComparison.Ordinal)) OnPssEnd(step);
        else if (id.StartsWith(LawTimer, StringComparison.Ordinal)) OnLawCommenced(step, id[LawTimer.Length..], external: false);
    }
}
