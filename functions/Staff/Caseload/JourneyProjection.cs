using System.Globalization;
using NodaTime;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.Staff.Caseload;

/// <summary>
/// The pages' view of a journey, read from the journey's own state and history (what the runtime stores): key dates
/// with how each was arrived at, open deadlines with their rule and reason, and every recorded fact as a timeline line
/// saying what happened and why. This is the mapping a reader over the runtime's storage uses.
/// </summary>
public static class JourneyProjection
{
    public static JourneySummary Summary(JourneyState state, string? name = null) =>
        new(state.JourneyId, state.Crn, name ?? state.Person?.Name, state.Stage, state.Com, state.Person?.Pdu ?? "",
            state.Deadlines.Select(d => new OpenTask(d.TaskId, ReminderEmail.TaskTitle(d.RuleId), d.DueDate, d.RuleId, d.Reason)).ToList());

    public static JourneyDetail Detail(JourneyState state, IReadOnlyList<JourneyFact> history, string? name = null)
    {
        // A cancellation names only the task; its title comes from the rule that set it.
        var ruleOfTask = history.OfType<DeadlineSet>().GroupBy(d => d.Deadline.TaskId).ToDictionary(g => g.Key, g => g.Last().Deadline.RuleId);
        return new(Summary(state, name), KeyDates(state, history),
            history.Select(f => Line(f, ruleOfTask)).Where(l => l is not null).Select(l => l!).ToList());
    }

    private static IReadOnlyList<KeyDate> KeyDates(JourneyState state, IReadOnlyList<JourneyFact> history)
    {
        var dates = new List<KeyDate>();
        if (state.Terms is { } terms)
        {
            static string Length(ShortSentences.Journeys.Law.SentenceTerms t) => t.Months > 0 && t.Days > 0 ? $"{t.Months} months and {t.Days} days"
                : t.Months > 0 ? $"{t.Months} months" : $"{t.Days} days";
            // Sentences that joined this custodial term, and how: the days are then the whole term's.
            var joined = string.Concat(state.JoinedSentences.Select(j =>
                $"; sentence {j.SentenceId} of {Length(j.Terms)} passed on {Long(j.Terms.SentenceDate)}, "
                + (j.IsConsecutive ? $"consecutive to {string.Join(" and ", j.ConsecutiveTo)}" : $"concurrent with {string.Join(" and ", j.ConcurrentWith)}")));
            dates.Add(new KeyDate("SD", "Sentence date", terms.SentenceDate,
                $"Sentence of {Length(terms)}{joined} ({state.SentenceDays} days{(joined.Length > 0 ? " as one term" : "")}); offence on {Long(terms.OffenceDate)}"
                + (terms.RemandDays > 0 ? $"; {terms.RemandDays} days on remand come off the release dates." : ".")));
        }
        if (state.Dates is not { } d)
            return dates;
        var source = state.DatesSupplied
            ? "Supplied with the sentence (Calculate Release Dates)."
            : state.JoinedSentences.IsEmpty
                ? $"Calculated from the {state.SentenceDays}-day sentence under the law in force on the day."
                : $"Calculated for all {state.JoinedSentences.Length + 1} sentences together (the calculator's overall dates) under the law in force on the day.";
        var changes = history.OfType<DatesChanged>().ToList();
        var commenced = history.OfType<LawApplied>().GroupBy(l => l.LawId).ToDictionary(g => g.Key, g => g.First().Commenced);
        LocalDate ChangedOn(DatesChanged c) => c.LawId is { } law && commenced.TryGetValue(law, out var on) ? on : c.At.InZone(London).Date;
        string Why(string code, Func<ShortSentences.Journeys.Law.KeyDates, LocalDate?> pick)
        {
            var moved = changes.Where(c => pick(c.Before) != pick(c.After)).ToList();
            return moved.Count == 0 ? source
                : source + " " + string.Join(" ", moved.Select(c => $"Changed from {Describe(pick(c.Before))} on {Long(ChangedOn(c))}: {c.Reason}."));
        }
        dates.Add(d.Unconditional
            ? new KeyDate("ARD", "Automatic release date", d.Crd, Why("ARD", k => k.Crd) + " Released without licence.")
            : new KeyDate("CRD", "Conditional release date", d.Crd, Why("CRD", k => k.Crd)));
        if (d.Hdced is { } hdced)
            dates.Add(new KeyDate("HDCED", "Home detention curfew eligibility date", hdced, Why("HDCED", k => k.Hdced)));
        dates.Add(new KeyDate("SLED", "Sentence and licence expiry date", d.Sled, Why("SLED", k => k.Sled)));
        if (d.Tused is { } tused)
            dates.Add(new KeyDate("TUSED", "Top-up supervision expiry date", tused,
                Why("TUSED", k => k.Tused) + " Post-sentence supervision runs to 12 months after release (ORA 2014) until its repeal."));
        return dates;
    }

    private static HistoryEntry? Line(JourneyFact fact, IReadOnlyDictionary<string, string> ruleOfTask)
    {
        (string What, string Why)? line = fact switch
        {
            JourneyStarted s => ("Sentence recorded", $"{s.SentenceDays}-day sentence for CRN {s.Crn}."
                + (s.ShortSentenceFunction ? " 10 months or less to serve: the COM is responsible from the start (Short Sentence Function)." : "")),
            StageChanged s => ($"Stage: {Pages.Components.StageName(s.To)}", s.Reason),
            DeadlineSet s => ($"Deadline set: {ReminderEmail.TaskTitle(s.Deadline.RuleId)} by {Long(s.Deadline.DueDate)}", s.Deadline.Reason),
            DeadlineMet s => ($"Done: {ReminderEmail.TaskTitle(s.RuleId)}", s.Late ? $"Done on {Long(s.On)}, after its deadline." : $"Done on {Long(s.On)}, on time."),
            DeadlineCancelled s => ($"No longer needed: {ReminderEmail.TaskTitle(ruleOfTask.GetValueOrDefault(s.TaskId, s.TaskId))}", s.Reason),
            // Reminders have their own table on the page ("Reminders sent"), with what happened to each.
            ReminderRaised => null,
            ComAssigned s => (s.Reallocation ? $"COM changed to {s.ComName}" : $"COM allocated: {s.ComName}", $"Probation delivery unit {s.Pdu}."),
            CustodyReception s => ($"Received into {(s.PrisonName is { } name && name != "unknown" ? $"{name} ({s.Prison})" : s.Prison)}", s.HeldOutOfArea ? "Held out of area: the prison's pre-release team helps with resettlement." : "Received into custody."),
            PathwaysScreened s => ($"Immediate needs screening part {s.Part} done",
                s.NeedsIdentified.Count == 0 ? "No resettlement needs identified." : "Needs: " + string.Join(", ", s.NeedsIdentified) + "."),
            Noted s => (s.What, ""),
            PersonReleased s => (s.OnHdc ? "Released on home detention curfew" : "Released", $"Released on {Long(s.On)}."),
            ContactCounted s => ($"Contact recorded ({ShortSentences.Journeys.Text.Words.Of(s.Contact)})", s.Why),
            WarningRecorded s => ("Warning given", s.Reason),
            WarningsReset s => ("Warnings reset", s.Reason),
            LicenceBreachRecorded s => ("Licence breach", s.Reason),
            RecallDecisionRecorded s => ($"Recall decided: {ShortSentences.Journeys.Text.Words.Of(s.Recall)}", s.FixedTermDays is { } days ? $"Fixed-term recall of {days} days." : "Standard recall."),
            RecallCustodyStarted s => ("Returned to custody on recall", s.ReleaseDue is { } due ? $"Re-release due {Long(due)}." : "Held until sentence expiry unless released earlier."),
            PssBreachRecorded s => ("Post-sentence supervision breach", s.Reason),
            HearingDateRecorded s => ($"Court hearing listed for {Long(s.HearingOn)}", s.AfterTused ? "The hearing is after TUSED: the breach may run out before it is heard." : "Before TUSED."),
            BreachConcluded s => ("Breach concluded", s.Outcome),
            PssSuspensionChanged s => (s.Suspended ? "Post-sentence supervision suspended" : "Post-sentence supervision resumed", $"{s.Reason} (decided by {s.DecidedBy})."),
            DatesChanged s => ("Key dates changed", s.Reason),
            SentenceJoined s => ($"Sentence {s.Sentence.SentenceId} joined this journey", s.Change),
            LawApplied s => ($"Law applied: {s.Description}", s.Change),
            JourneyEnded s => ("Journey ended", s.Reason),
            EventParked s => ($"Event kept until the sentence arrives: {s.Event.Kind}", "It arrived before the sentence it belongs to."),
            EventRejected s => ($"Event not applied: {s.EventType}", s.Reason),
            _ => null,
        };
        return line is { } l ? new HistoryEntry(fact.At, l.What, l.Why, fact.OccurredOn) : null;
    }

    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static string Describe(LocalDate? date) => date is { } d ? Long(d) : "none";

    private static string Long(LocalDate date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

}
