using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

// Licence and PSS supervision: contacts, visits, assessment, reviews, warnings, the end of licence and of PSS.
public sealed partial class JourneyDecider
{
    private void OnContact(Step step, ContactRecorded e)
    {
        var s = step.State;
        if (!s.InCommunity) { step.Reject(e.Kind, $"no supervision in the community while {s.Stage}"); return; }
        if (s.ReleasedOn is { } released && e.On < released) { step.Reject(e.Kind, $"contact on {e.On:yyyy-MM-dd} is before release on {released:yyyy-MM-dd}"); return; }
        if (s.Stage == Stage.Licence) LicenceContact(step, e);
        else PssContact(step, e);
    }

    /// <summary>Monthly face-to-face contact on licence; video counts for at most half; phone supports but does not replace.</summary>
    private void LicenceContact(Step step, ContactRecorded e)
    {
        var s = step.State;
        var (counts, why) = e.Contact switch
        {
            ContactKind.FaceToFace => (true, "face to face"),
            ContactKind.Video when s.CountedVideo + 1 <= s.CountedFaceToFace => (true, "video, within half of contacts"),
            ContactKind.Video => (false, "video would be more than half of licence contacts"),
            _ => (false, "phone contact supports but does not replace face-to-face contact"),
        };
        step.Add(new ContactCounted(e.On, e.Contact, counts, why));
        if (e.Contact == ContactKind.FaceToFace) Meet(step, Policy.FirstAppointment.RuleId, e.On);
        if (!counts) return;
        Meet(step, Policy.LicenceContact.RuleId, e.On);
        SetDeadline(step, Policy.LicenceContact, e.On, Recurring(step, Policy.LicenceContact));
    }

    private void PssContact(Step step, ContactRecorded e)
    {
        var s = step.State;
        step.Add(new ContactCounted(e.On, e.Contact, true, e.Induction ? "PSS induction" : "PSS contact (phone counts for low-risk cases)"));
        if (e.Induction) MeetOrRecordEarly(step, Policy.PssInduction, e.On, "PSS induction");
        if (s.PssSuspended) return;
        Meet(step, Policy.PssContact.RuleId, e.On);
        SetDeadline(step, Policy.PssContact, e.On, Recurring(step, Policy.PssContact));
    }

    private void OnCommunityTask(Step step, JourneyEvent e, DeadlineRule rule, LocalDate on)
    {
        var s = step.State;
        if (!s.InCommunity) { step.Reject(e.Kind, $"{rule.RuleId} needs the person in the community (now {s.Stage})"); return; }
        if (Meet(step, rule.RuleId, on)) return;
        if (s.Done.Contains(rule.RuleId)) step.Add(new Noted($"{rule.RuleId} recorded again on {on:yyyy-MM-dd}"));
        else step.Reject(e.Kind, $"no {rule.RuleId} task is open");
    }

    private void OnReview(Step step, ReviewDone e)
    {
        var s = step.State;
        Deadline? earliest = null;
        foreach (var d in s.Deadlines)
            if ((d.RuleId == Policy.PeriodicReview.RuleId || d.RuleId == Policy.FinalMonthReview.RuleId || d.RuleId == Policy.ConcurrentSentenceReview.RuleId)
                && (earliest is null || d.DueDate < earliest.DueDate))
                earliest = d;
        if (earliest is null)
        {
            if (s.InCommunity || s.Stage == Stage.RecalledToCustody) step.Add(new Noted($"review on {e.On:yyyy-MM-dd} recorded (none was due)"));
            else step.Reject(e.Kind, $"no review is due while {s.Stage}");
            return;
        }
        step.Add(new DeadlineMet(earliest.TaskId, earliest.RuleId, e.On, e.On > earliest.DueDate));
        if (earliest.RuleId == Policy.PeriodicReview.RuleId) SetReviews(step, e.On);
    }

    private void OnWarning(Step step, WarningIssued e)
    {
        if (!step.State.InCommunity) { step.Reject(e.Kind, $"no warning while {step.State.Stage}"); return; }
        step.Add(new WarningRecorded(e.Reason));
    }

    /// <summary>SLED passed: PSS follows if the sentence has a TUSED and PSS is still law; otherwise the journey ends.</summary>
    private void OnLicenceEnd(Step step)
    {
        var s = step.State;
        var dates = s.Dates!;
        if (s.Recall is { ReturnedOn: null, BreachedOn: not null })
            step.Add(new Noted($"the licence expired on {dates.Sled:yyyy-MM-dd} with a recall not executed: the recall lapses"));
        if (s.Stage == Stage.RecalledToCustody)
            step.Add(new PersonReleased(dates.Sled.PlusDays(1), false));
        if (dates.Tused is { } tused && tused > dates.Sled && !Law.PssRepealedOn(step.Today))
        {
            CancelAllBut(step, $"licence ended on {dates.Sled:yyyy-MM-dd}", Policy.ComAllocation.RuleId, Policy.ComAllocationSsf.RuleId,
                Policy.PeriodicReview.RuleId, Policy.ConcurrentSentenceReview.RuleId, Policy.FinalMonthReview.RuleId);
            ChangeStage(step, Stage.Pss, $"licence ended on SLED {dates.Sled:yyyy-MM-dd}; post-sentence supervision to TUSED {tused:yyyy-MM-dd}");
            step.Add(new WarningsReset("licence warnings do not carry into PSS"));
            SetDeadline(step, Policy.PssInduction, step.Today);
            SetDeadline(step, Policy.PssContact, step.Today, Recurring(step, Policy.PssContact));
            SetReviews(step, step.Today);
        }
        else End(step, $"licence expired (SLED {dates.Sled:yyyy-MM-dd})");
    }

    private void OnPssEnd(Step step)
    {
        var s = step.State;
        var tused = s.Dates!.Tused!.Value;
        if (s.PssBreach is { } breach)
        {
            CancelAllBut(step, $"PSS ended on TUSED {tused:yyyy-MM-dd}", Policy.CourtApplication.RuleId, Policy.CourtOutcome.RuleId);
            ChangeStage(step, Stage.BreachProceedings, $"PSS ended on TUSED {tused:yyyy-MM-dd}; the breach of {breach.On:yyyy-MM-dd} is still before the court");
        }
        else End(step, $"PSS ended (TUSED {tused:yyyy-MM-dd})");
    }

    private void OnNewSentence(Step step, NewSentenceWhileSupervised e)
    {
        var s = step.State;
        step.Add(new Noted($"new sentence {e.NewSentenceId} while {s.Stage}: it runs as journey {JourneyId.For(s.Crn, e.NewSentenceId)}; this sentence stays tracked to {FinalEnd(s):yyyy-MM-dd}"));
        SetDeadline(step, Policy.ConcurrentSentenceReview, step.Today, Recurring(step, Policy.ConcurrentSentenceReview));
    }
}
