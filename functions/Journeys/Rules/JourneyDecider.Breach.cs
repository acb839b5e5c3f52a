using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

// Breach: on licence it leads to recall (PPCS); on PSS to an application to the magistrates' court.
public sealed partial class JourneyDecider
{
    private void OnLicenceBreach(Step step, LicenceBreached e) => OnBreach(step, e, e.On, e.Reason);
    private void OnPssBreach(Step step, PssBreached e) => OnBreach(step, e, e.On, e.Reason);

    /// <summary>The breach notice is the same upstream event for licence and PSS: the stage decides what follows.</summary>
    private void OnBreach(Step step, JourneyEvent e, LocalDate on, string reason)
    {
        var s = step.State;
        switch (s.Stage)
        {
            case Stage.Licence when s.Recall is not null:
                step.Add(new Noted($"further breach on {on:yyyy-MM-dd} ({reason}) while a recall is pending"));
                break;
            case Stage.Licence:
                step.Add(new LicenceBreachRecorded(on, reason));
                SetDeadline(step, Policy.RecallRequest, on, Recurring(step, Policy.RecallRequest));
                break;
            case Stage.Pss when s.PssBreach is not null:
                step.Add(new Noted($"further PSS breach on {on:yyyy-MM-dd} ({reason}) while the first is before the court"));
                break;
            case Stage.Pss:
                step.Add(new PssBreachRecorded(on, reason));
                SetDeadline(step, Policy.CourtApplication, on, Recurring(step, Policy.CourtApplication));
                var tused = s.Dates!.Tused!.Value;
                if (on.PlusDays(Policy.ExpectedListingDelayDays) > tused)
                    Alert(step, "pss-breach-listing-risk", Policy.CourtApplication.RuleId, tused,
                        $"PSS breach on {on:yyyy-MM-dd}: court listings take up to {Policy.ExpectedListingDelayDays} days and PSS ends on TUSED {tused:yyyy-MM-dd}; apply at once and ask for an early listing");
                break;
            default:
                step.Reject(e.Kind, $"no licence or PSS in force to breach ({s.Stage})");
                break;
        }
    }

    private void OnRecallRequested(Step step, RecallRequested e)
    {
        var s = step.State;
        if (s.Stage is not (Stage.Licence or Stage.RecalledToCustody)) { step.Reject(e.Kind, $"no licence in force ({s.Stage})"); return; }
        if (!Meet(step, Policy.RecallRequest.RuleId, e.On)) step.Add(new Noted($"recall requested on {e.On:yyyy-MM-dd} without a recorded breach"));
    }

    private void OnRecallDecided(Step step, RecallDecided e)
    {
        var s = step.State;
        if (s.Stage is not (Stage.Licence or Stage.RecalledToCustody))
        {
            step.Reject(e.Kind, s.Stage == Stage.Pss ? "recall is not possible on PSS: breach goes to the magistrates' court" : $"no licence in force ({s.Stage})");
            return;
        }
        int? days = null;
        string? lawId = null;
        if (e.Recall == RecallType.FixedTerm)
        {
            days = Law.FixedTermRecallDays(s.SentenceDays, e.On);
            lawId = LawInForce(ShortSentences.Journeys.Law.LawEffect.FixedTermRecallLength, e.On);
        }
        Meet(step, Policy.RecallRequest.RuleId, e.On);
        step.Add(new RecallDecisionRecorded(e.On, e.Recall, days, lawId));
        if (s.Stage == Stage.RecalledToCustody && s.Recall?.ReturnedOn is { } back)
            step.Add(new RecallCustodyStarted(back, ReleaseDue(step.State, back)));
    }

    private string? LawInForce(ShortSentences.Journeys.Law.LawEffect effect, LocalDate day)
    {
        string? id = null;
        foreach (var c in Law.Changes) if (c.Effect == effect && c.Commences <= day) id = c.Id;
        return id;
    }

    /// <summary>Fixed term: released after the term (never after SLED). Standard: no set date; the licence end releases.</summary>
    private static LocalDate? ReleaseDue(JourneyState s, LocalDate returnedOn) =>
        s.Recall is { Decision: RecallType.FixedTerm, FixedTermDays: int days }
            ? (returnedOn.PlusDays(days) is var due && due <= s.Dates!.Sled ? due : s.Dates!.Sled)
            : null;

    private void OnReturnedToCustody(Step step, LocalDate on, string kind)
    {
        var s = step.State;
        if (s.Stage == Stage.RecalledToCustody) { step.Add(new Noted($"return to custody on {on:yyyy-MM-dd} already recorded on {s.Recall?.ReturnedOn:yyyy-MM-dd}")); return; }
        if (s.Stage != Stage.Licence) { step.Reject(kind, $"return to custody on recall needs a licence in force ({s.Stage})"); return; }
        if (s.Recall?.Decision is null) step.Add(new Noted($"returned to custody on {on:yyyy-MM-dd} before the recall decision arrived"));
        CancelAllBut(step, $"recalled to custody on {on:yyyy-MM-dd}", Policy.ComAllocation.RuleId, Policy.ComAllocationSsf.RuleId,
            Policy.RecallRequest.RuleId, Policy.ConcurrentSentenceReview.RuleId);
        step.Add(new RecallCustodyStarted(on, ReleaseDue(s, on)));
        ChangeStage(step, Stage.RecalledToCustody, s.Recall?.Decision is { } d
            ? $"returned to custody on {on:yyyy-MM-dd} on a {(d == RecallType.FixedTerm ? $"{s.Recall.FixedTermDays}-day fixed-term" : "standard")} recall"
            : $"returned to custody on {on:yyyy-MM-dd} on recall");
    }

    private void OnReReleased(Step step, ReReleased e)
    {
        if (step.State.Stage != Stage.RecalledToCustody) { step.Reject(e.Kind, $"not in custody on recall ({step.State.Stage})"); return; }
        ReRelease(step, e.On);
    }

    private void ReRelease(Step step, LocalDate on)
    {
        var s = step.State;
        step.Add(new PersonReleased(on, false));
        ChangeStage(step, Stage.Licence, $"re-released on {on:yyyy-MM-dd} after recall; licence to {s.Dates!.Sled:yyyy-MM-dd}");
        SetDeadline(step, Policy.FirstAppointment, on, Recurring(step, Policy.FirstAppointment));
        SetDeadline(step, Policy.LicenceContact, on, Recurring(step, Policy.LicenceContact));
        SetReviews(step, on);
    }

    private void OnCourtApplication(Step step, CourtApplicationMade e)
    {
        if (step.State.PssBreach is null) { step.Reject(e.Kind, "no PSS breach is pending"); return; }
        if (!Meet(step, Policy.CourtApplication.RuleId, e.On)) step.Add(new Noted($"court application on {e.On:yyyy-MM-dd} recorded again"));
    }

    private void OnHearingListed(Step step, HearingListed e)
    {
        var s = step.State;
        if (s.PssBreach is null) { step.Reject(e.Kind, "no PSS breach is pending"); return; }
        var tused = s.Dates!.Tused;
        var after = tused is { } t && e.HearingOn > t;
        step.Add(new HearingDateRecorded(e.HearingOn, after));
        Cancel(step, "hearing relisted", Policy.CourtOutcome.RuleId);
        SetDeadline(step, Policy.CourtOutcome, e.HearingOn, Recurring(step, Policy.CourtOutcome));
        if (after)
            Alert(step, "pss-breach-hearing-after-tused", Policy.CourtOutcome.RuleId, tused!.Value,
                $"the breach hearing is listed on {e.HearingOn:yyyy-MM-dd}, after PSS ends on TUSED {tused:yyyy-MM-dd}: breaches like this were withdrawn; ask the court for an earlier listing");
    }

    private void OnCourtOutcome(Step step, CourtOutcome e)
    {
        var s = step.State;
        if (s.PssBreach is null) { step.Reject(e.Kind, "no PSS breach is pending"); return; }
        Meet(step, Policy.CourtOutcome.RuleId, e.On);
        Cancel(step, $"court outcome on {e.On:yyyy-MM-dd}", Policy.CourtApplication.RuleId);
        step.Add(new BreachConcluded(e.On, e.Outcome.ToString()));
        if (s.Stage == Stage.BreachProceedings) End(step, $"breach dealt with after supervision ended ({Text.Words.Of(e.Outcome)})");
    }

    private void OnPssSuspended(Step step, PssSuspended e)
    {
        var s = step.State;
        if (s.Stage != Stage.Pss || s.PssSuspended) { step.Reject(e.Kind, s.PssSuspended ? "PSS is already suspended" : $"not on PSS ({s.Stage})"); return; }
        if (string.IsNullOrWhiteSpace(e.ComName) || string.IsNullOrWhiteSpace(e.SpoName))
        {
            step.Reject(e.Kind, "suspending PSS is a decision by both the COM and the SPO: name both");
            return;
        }
        var decidedBy = $"{e.ComName} (COM) and {e.SpoName} (SPO)" + (string.IsNullOrWhiteSpace(e.By) ? "" : $", recorded by {e.By}");
        step.Add(new PssSuspensionChanged(e.On, true, decidedBy, e.Reason));
        Cancel(step, "PSS reporting suspended", Policy.PssContact.RuleId);
    }

    private void OnPssResumed(Step step, PssResumed e)
    {
        var s = step.State;
        if (s.Stage != Stage.Pss || !s.PssSuspended) { step.Reject(e.Kind, "PSS is not suspended"); return; }
        step.Add(new PssSuspensionChanged(e.On, false, string.IsNullOrWhiteSpace(e.By) ? s.Com ?? "COM" : e.By,
            string.IsNullOrWhiteSpace(e.Reason) ? "reporting resumed" : $"reporting resumed: {e.Reason}"));
        SetDeadline(step, Policy.PssContact, e.On, Recurring(step, Policy.PssContact));
    }
}
