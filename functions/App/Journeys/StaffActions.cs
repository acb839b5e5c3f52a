using System.Security.Cryptography;
using System.Text;
using NodaTime;
using ShortSentences.App.Api;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.App.Journeys;

/// <summary>
/// Staff actions as journey events, and the answer each will get, decided from the journey's state by the pure
/// decider before anything is recorded. Engine-independent: any <see cref="IJourneyOperations"/> loads the state,
/// asks <see cref="Judge"/>, delivers the event when told to, and reads the journey back.
/// </summary>
public static class StaffActions
{
    /// <summary>What to do with an action: deliver it, or answer without recording anything.</summary>
    public abstract record Verdict
    {
        public sealed record Deliver(JourneyEvent Event) : Verdict;
        public sealed record AlreadyDone : Verdict;
        public sealed record Answer(ActionOutcome Outcome) : Verdict;
    }

    /// <summary>
    /// The completion as an event whose id is derived from what was said (task, day, who, note), so the same
    /// completion again is recognised by the journey's inbox and changes nothing, while a different one is judged.
    /// </summary>
    public static TaskCompleted Completion(JourneyState s, TaskCompletion c, Instant now) =>
        Stamp(new TaskCompleted(c.TaskId, c.On, c.By, c.Note), s,
            "task-completed:" + Digest(s.JourneyId, c.TaskId, c.On.ToString("yyyy-MM-dd", null), c.By, c.Note ?? ""), now);

    public static DatesCorrected Correction(JourneyState s, DateCorrection c, Instant now)
    {
        var d = c.Dates;
        bool? unconditional = d.ContainsKey("ARD") ? true : d.ContainsKey("CRD") ? false : null;
        return Stamp(new DatesCorrected(c.Reason, c.By,
            Release: d.TryGetValue("CRD", out var crd) ? crd : d.TryGetValue("ARD", out var ard) ? ard : null,
            End: d.TryGetValue("SLED", out var sled) ? sled : d.TryGetValue("SED", out var sed) ? sed : null,
            Tused: d.TryGetValue("TUSED", out var tused) ? tused : null,
            Hdced: d.TryGetValue("HDCED", out var hdced) ? hdced : null,
            Unconditional: unconditional), s, "correction:" + c.EventId, now);
    }

    /// <summary>
    /// The answer the journey will give. A day after today or before the sentence is the request's fault (400 naming
    /// the field); anything else the journey would reject (the task is not open, the journey has ended) is a
    /// conflict with its state (409, with the journey's reason, which names the open tasks).
    /// </summary>
    public static Verdict Judge(JourneyDecider decider, JourneyState s, JourneyEvent e, Instant now)
    {
        if (s.Handled.Contains(e.EventId)) return new Verdict.AlreadyDone();
        var today = now.InZone(JourneyDecider.London).Date;
        if (e is TaskCompleted t)
        {
            if (t.On > today) return Invalid("on", $"is {t.On:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}): a task cannot be done in the future");
            if (s.Terms is { } terms && t.On < terms.SentenceDate)
                return Invalid("on", $"is {t.On:yyyy-MM-dd}, before the sentence date {terms.SentenceDate:yyyy-MM-dd}");
        }
        var rejected = decider.Decide(s, e, now).Facts.OfType<EventRejected>().FirstOrDefault(f => f.EventId == e.EventId);
        return rejected is null ? new Verdict.Deliver(e) : new Verdict.Answer(new ActionOutcome.Refused(rejected.Reason));
    }

    private static Verdict Invalid(string field, string why) => new Verdict.Answer(new ActionOutcome.Invalid(field, why));

    private static T Stamp<T>(T e, JourneyState s, string eventId, Instant now) where T : JourneyEvent =>
        e with { EventId = eventId, Crn = s.Crn, Noms = s.Noms, SentenceId = s.SentenceId, OccurredAt = now };

    private static string Digest(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts)));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 12));
    }
}
