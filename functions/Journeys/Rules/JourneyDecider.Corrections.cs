using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

// Staff correct the dates: the journey follows them from the day of the correction, and re-plans what hangs on them.
public sealed partial class JourneyDecider
{
    private void OnDatesCorrected(Step step, DatesCorrected e)
    {
        var s = step.State;
        if (string.IsNullOrWhiteSpace(e.By)) { step.Reject(e.Kind, "no member of staff named: who corrected the dates is recorded"); return; }
        if (string.IsNullOrWhiteSpace(e.Reason)) { step.Reject(e.Kind, "no reason given: why the dates changed is recorded"); return; }
        if (e.Release is null && e.End is null && e.Tused is null && e.Hdced is null) { step.Reject(e.Kind, "no dates given"); return; }
        var before = s.Dates!;
        var after = new KeyDates(e.Release ?? before.Crd, e.End ?? before.Sled, e.Tused ?? before.Tused, e.Hdced ?? before.Hdced,
            e.Unconditional ?? before.Unconditional);
        if (after.Sled < after.Crd) { step.Reject(e.Kind, $"the end {after.Sled:yyyy-MM-dd} is before the release date {after.Crd:yyyy-MM-dd}"); return; }
        if (s.Terms is { } terms && after.Crd < terms.SentenceDate)
        {
            step.Reject(e.Kind, $"the release date {after.Crd:yyyy-MM-dd} is before the sentence date {terms.SentenceDate:yyyy-MM-dd}");
            return;
        }
        if (s.Stage == Stage.BreachProceedings) { step.Reject(e.Kind, "supervision has ended; only the breach proceedings remain"); return; }
        var why = $"corrected by {e.By}: {e.Reason}";
        if (after == before) { step.Add(new Noted($"dates confirmed unchanged ({why})")); return; }
        step.Add(new DatesChanged(before, after, why, null));
        Replan(step, before);
    }
}
