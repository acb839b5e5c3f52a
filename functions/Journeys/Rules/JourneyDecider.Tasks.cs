using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

// Staff close a task themselves: met on the day they say, late or on time by that day, with who and why in the history.
public sealed partial class JourneyDecider
{
    private void OnTaskCompleted(Step step, TaskCompleted e)
    {
        var s = step.State;
        if (string.IsNullOrWhiteSpace(e.By)) { step.Reject(e.Kind, "no member of staff named: who closed the task is recorded"); return; }
        Deadline? task = null;
        foreach (var d in s.Deadlines) if (d.TaskId == e.TaskId) task = d;
        if (task is null)
        {
            var open = s.Deadlines.Length == 0 ? "none" : string.Join(", ", s.Deadlines.Select(d => d.TaskId));
            step.Reject(e.Kind, $"task {e.TaskId} is not open (open tasks: {open})");
            return;
        }
        if (s.Terms is { } terms && e.On < terms.SentenceDate)
        {
            step.Reject(e.Kind, $"done on {e.On:yyyy-MM-dd}, before the sentence date {terms.SentenceDate:yyyy-MM-dd}");
            return;
        }
        if (e.On > step.Today) { step.Reject(e.Kind, $"done on {e.On:yyyy-MM-dd}, which is after today {step.Today:yyyy-MM-dd}"); return; }

        step.Add(new Noted($"{Titled(task.RuleId)} marked done on {e.On:yyyy-MM-dd} by {e.By}{(string.IsNullOrWhiteSpace(e.Note) ? "" : $": {e.Note}")}"));
        // Tasks that recur or lead to the next one go through the rule that already knows what follows them.
        if (task.RuleId == Policy.LicenceContact.RuleId && s.Stage == Stage.Licence) { LicenceContact(step, new ContactRecorded(e.On, ContactKind.FaceToFace)); return; }
        if (task.RuleId == Policy.PssContact.RuleId && s.Stage == Stage.Pss) { PssContact(step, new ContactRecorded(e.On, ContactKind.FaceToFace)); return; }
        if (task.RuleId == Policy.ScreeningPart1.RuleId && s.InCustodyBeforeRelease) { OnScreening(step, new ScreeningCompleted(e.On, 1, [], [])); return; }
        step.Add(new DeadlineMet(task.TaskId, task.RuleId, e.On, e.On > task.DueDate));
        if (task.RuleId == Policy.PeriodicReview.RuleId) SetReviews(step, e.On);
    }

    private static string Titled(string ruleId)
    {
        var words = ruleId.Replace('-', ' ');
        return words.Length == 0 ? ruleId : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
