using NodaTime;
using NodaTime.Text;
using ShortSentences.App.Api;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.App.Journeys;

/// <summary>A journey's state as the management API shows it; overdue is judged against today in Europe/London.</summary>
public static class JourneyViews
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public static JourneyView From(JourneyState s, long historySize, LocalDate today)
    {
        var tasks = s.Deadlines
            .OrderBy(d => d.DueDate).ThenBy(d => d.TaskId, StringComparer.Ordinal)
            .Select(d => new TaskView(d.TaskId, d.RuleId, Title(d.RuleId), Iso.Format(d.DueDate), d.Reason, d.DueDate < today))
            .ToList();
        return new JourneyView(s.JourneyId, s.Crn, s.Noms, s.SentenceId, s.Stage.ToString(), StatusOf(s), s.Com,
            s.Person?.Pdu, s.Person?.Region, KeyDates(s), tasks, historySize, tasks.Any(t => t.Overdue), Sentences(s), s.Person?.Name);
    }

    /// <summary>The same view, with overdue judged again for another day (views are stored in the index).</summary>
    public static JourneyView AsOf(JourneyView v, LocalDate today)
    {
        var todayText = Iso.Format(today);
        var tasks = v.OpenTasks.Select(t => t with { Overdue = string.CompareOrdinal(t.DueDate, todayText) < 0 }).ToList();
        return v with { OpenTasks = tasks, Overdue = tasks.Any(t => t.Overdue) };
    }

    public static JourneyStatus StatusOf(JourneyState s) => s switch
    {
        { Stage: Stage.Ended, EndReason: { } r } when r.StartsWith("terminated", StringComparison.OrdinalIgnoreCase) => JourneyStatus.Terminated,
        { Stage: Stage.Ended } => JourneyStatus.Completed,
        { PssSuspended: true } => JourneyStatus.Suspended,
        _ => JourneyStatus.Running,
    };

    public static IReadOnlyDictionary<string, string> KeyDates(JourneyState s)
    {
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (s.Dates is not { } k) return d;
        d[k.Unconditional ? "ARD" : "CRD"] = Iso.Format(k.Crd);
        d[k.Unconditional ? "SED" : "SLED"] = Iso.Format(k.Sled);
        if (k.Tused is { } t) d["TUSED"] = Iso.Format(t);
        if (k.Hdced is { } h) d["HDCED"] = Iso.Format(h);
        // After a recall the post-recall release date is the one staff plan for.
        if (s.Recall?.ReleaseDue is { } prrd) d["PRRD"] = Iso.Format(prrd);
        return d;
    }

    /// <summary>Every sentence of the journey's term, the one that started it first.</summary>
    public static IReadOnlyList<SentenceView> Sentences(JourneyState s) => s.Sentences
        .Select(x => new SentenceView(x.SentenceId, Iso.Format(x.Terms.SentenceDate), x.Terms.Months, x.Terms.Days, x.Terms.RemandDays,
            x.ConsecutiveTo, x.ConcurrentWith))
        .ToList();

    /// <summary>
    /// The day a history entry's event happened (<see cref="ShortSentences.Journeys.Events.Happened"/>), from the event as
    /// stored; the day it was recorded when the event cannot be read.
    /// </summary>
    public static string OccurredOn(string eventJson, Instant recordedAt)
    {
        var recorded = recordedAt.InZone(ShortSentences.Journeys.Rules.JourneyDecider.London).Date;
        try
        {
            if (System.Text.Json.JsonSerializer.Deserialize<ShortSentences.Journeys.Events.JourneyEvent>(eventJson, ShortSentences.Journeys.Json.JourneyJson.Options) is { } e)
                return Iso.Format(ShortSentences.Journeys.Events.Happened.On(e, recorded));
        }
        catch (System.Text.Json.JsonException) { }
        return Iso.Format(recorded);
    }

    /// <summary>The task's one title (<see cref="ShortSentences.Journeys.Policy.TaskTitles"/>), the same as on the pages and in e-mails.</summary>
    public static string Title(string ruleId) => ShortSentences.Journeys.Policy.TaskTitles.Of(ruleId);

    public static string? NextDue(JourneyView v) => v.OpenTasks.Select(t => t.DueDate).Order(StringComparer.Ordinal).FirstOrDefault();
}
