using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

// The law in flight: a commenced change reaches every running journey, and the history says what it changed.
public sealed partial class JourneyDecider
{
    /// <summary>
    /// Applies every commencement already past and not yet applied, in commencement order, so that an answer never
    /// shows dates under a law no longer in force (a sentence arriving after a commencement, or a step taken before
    /// the law's timer fired). Each change is recorded with its commencement date, as the timer would have.
    /// </summary>
    private void CatchUpWithTheLaw(Step step)
    {
        var day = step.Day;
        while (step.State.Stage != Stage.Ended && NextLaw(step.State) is { } law && law.Commences <= step.Today)
            OnLawCommenced(step, law.Id, external: false);
        step.Day = day;
    }

    private void OnLawCommenced(Step step, string lawId, bool external)
    {
        var s = step.State;
        var law = Law.Find(lawId);
        if (law is null) { step.Reject("law-commenced", $"'{lawId}' is not in this journey's law book"); return; }
        if (s.LawsApplied.Contains(law.Id)) { step.Reject("law-commenced", $"{law.Id} already reached this journey"); return; }
        if (law.Commences > step.Today) { step.Reject("law-commenced", $"{law.Id} commences on {law.Commences:yyyy-MM-dd}, not yet"); return; }
        step.Day = law.Commences; // what the law changes, it changed on its commencement
        if (law.Commences <= s.Terms!.SentenceDate)
        {
            step.Add(new LawApplied(law.Id, law.Commences, law.Description, "in force when sentenced: reflected in the dates"));
            return;
        }
        switch (law.Effect)
        {
            case LawEffect.ReleaseFraction: ReleaseFractionChanged(step, law); break;
            case LawEffect.PssRepealed: PssRepealed(step, law); break;
            case LawEffect.HdcEnded: HdcEnded(step, law); break;
            case LawEffect.FixedTermRecallLength:
                step.Add(new LawApplied(law.Id, law.Commences, law.Description,
                    s.Recall?.FixedTermDays is int current
                        ? $"the recall already decided keeps its {current} days; fixed-term recalls decided from {law.Commences:yyyy-MM-dd} are {law.RecallDays} days"
                        : $"fixed-term recalls decided from {law.Commences:yyyy-MM-dd} are {law.RecallDays} days"));
                break;
            default:
                step.Add(new LawApplied(law.Id, law.Commences, law.Description, "no effect on a journey in flight"));
                break;
        }
    }

    /// <summary>People already in custody move to the new fraction; a date already past means release on commencement.</summary>
    private void ReleaseFractionChanged(Step step, LawChange law)
    {
        var s = step.State;
        if (!s.InCustodyBeforeRelease || law.MaxSentenceDays is int max && s.SentenceDays > max)
        {
            step.Add(new LawApplied(law.Id, law.Commences, law.Description,
                s.InCustodyBeforeRelease ? $"no effect: the sentence of {s.SentenceDays} days is outside this tranche" : $"no effect: already released ({s.Stage})"));
            return;
        }
        var before = s.Dates!;
        var recalculated = Recalculate(s, law.Commences);
        var crd = recalculated.Crd < law.Commences ? law.Commences : recalculated.Crd;
        if (crd >= before.Crd)
        {
            step.Add(new LawApplied(law.Id, law.Commences, law.Description, $"no effect: release stays on {before.Crd:yyyy-MM-dd}"));
            return;
        }
        // TUSED runs 12 months from release: an earlier release can bring it inside the licence (then there is none).
        var after = before with { Crd = crd, Hdced = recalculated.Hdced is { } h && h < crd ? h : null, Tused = recalculated.Tused };
        step.Add(new DatesChanged(before, after, law.Description, law.Id));
        step.Add(new LawApplied(law.Id, law.Commences, law.Description, $"release moved from {before.Crd:yyyy-MM-dd} to {crd:yyyy-MM-dd}"));
        Replan(step, before);
    }

    private void PssRepealed(Step step, LawChange law)
    {
        var s = step.State;
        var before = s.Dates!;
        if (s.Stage == Stage.Pss)
        {
            if (s.PssBreach is { } breach)
            {
                step.Add(new LawApplied(law.Id, law.Commences, law.Description, $"PSS ended; the breach of {breach.On:yyyy-MM-dd}, begun before commencement, can still be dealt with"));
                CancelAllBut(step, "PSS repealed", Policy.CourtApplication.RuleId, Policy.CourtOutcome.RuleId);
                ChangeStage(step, Stage.BreachProceedings, "PSS repealed with a breach before the court");
            }
            else
            {
                step.Add(new LawApplied(law.Id, law.Commences, law.Description, $"PSS ended on {law.Commences:yyyy-MM-dd} (TUSED was {before.Tused:yyyy-MM-dd})"));
                End(step, $"PSS repealed on {law.Commences:yyyy-MM-dd}", byPssRepeal: true);
            }
            return;
        }
        if (before.Tused is { } tused && s.Stage != Stage.BreachProceedings)
        {
            step.Add(new DatesChanged(before, before with { Tused = null }, law.Description, law.Id));
            step.Add(new LawApplied(law.Id, law.Commences, law.Description, $"TUSED {tused:yyyy-MM-dd} removed: licence only, to SLED {before.Sled:yyyy-MM-dd}"));
            if (s.InCommunity || s.Stage == Stage.RecalledToCustody) ResetFinalReview(step);
            return;
        }
        step.Add(new LawApplied(law.Id, law.Commences, law.Description, "no effect: no PSS on this sentence"));
    }

    private void HdcEnded(Step step, LawChange law)
    {
        var s = step.State;
        if (s.InCustodyBeforeRelease && s.Dates!.Hdced is { } hdced)
        {
            step.Add(new DatesChanged(s.Dates, s.Dates with { Hdced = null }, law.Description, law.Id));
            step.Add(new LawApplied(law.Id, law.Commences, law.Description, $"HDCED {hdced:yyyy-MM-dd} removed: release on {s.Dates.Crd:yyyy-MM-dd}"));
        }
        else step.Add(new LawApplied(law.Id, law.Commences, law.Description, "no effect: no HDC eligibility pending"));
    }

    private void OnDatesChanged(Step step, SentenceDatesChanged e)
    {
        var s = step.State;
        var after = e.Dates ?? (e.Terms is { } terms ? Calculator.Calculate(terms, step.Today) : null);
        if (after is null) { step.Reject(e.Kind, "neither dates nor sentence terms given"); return; }
        if (after.Sled < after.Crd) { step.Reject(e.Kind, $"SLED {after.Sled:yyyy-MM-dd} is before the release date {after.Crd:yyyy-MM-dd}"); return; }
        var before = s.Dates!;
        if (after == before) { step.Add(new Noted("sentence dates confirmed unchanged")); return; }
        if (s.Stage == Stage.BreachProceedings) { step.Reject(e.Kind, "supervision has ended; only the breach proceedings remain"); return; }
        step.Add(new DatesChanged(before, after, "sentence dates changed upstream", null));
        Replan(step, before);
    }

    /// <summary>New dates move the tasks anchored on them.</summary>
    private void Replan(Step step, KeyDates before)
    {
        var s = step.State;
        var dates = s.Dates!;
        if (s.InCustodyBeforeRelease && dates.Crd != before.Crd)
        {
            if (!s.PreReleaseStarted)
            {
                if (dates.Crd.PlusDays(-Policy.PreReleaseWindowDays) <= step.Today) StartPreRelease(step);
                return;
            }
            foreach (var rule in new[] { Policy.ResettlementPlan, Policy.LicenceApproval, Policy.ReleaseRecorded })
            {
                if (s.OpenDeadline(rule.RuleId) is null) continue;
                step.Add(new DeadlineCancelled(rule.RuleId, $"release date moved from {before.Crd:yyyy-MM-dd} to {dates.Crd:yyyy-MM-dd}"));
                var expected = ExpectedReleaseDay(dates.Crd);
                SetDeadline(step, rule, expected, due: NotBefore(DueDate(rule, expected), step.Today));
            }
        }
        if (s.Stage == Stage.Pss && (dates.Tused is not { } tused || tused <= dates.Sled))
        {
            End(step, "the new dates have no post-sentence supervision");
            return;
        }
        if ((s.InCommunity || s.Stage == Stage.RecalledToCustody) && FinalEnd(s) != FinalEndOf(before)) ResetFinalReview(step);
    }

    private void ResetFinalReview(Step step)
    {
        Cancel(step, "the end of supervision moved", Policy.FinalMonthReview.RuleId);
        SetReviews(step, step.Today);
    }
}
