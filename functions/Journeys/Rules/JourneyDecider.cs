using NodaTime;
using ShortSentences.Calculation.Calendar;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Prisons;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

/// <summary>
/// One person's sentence as a state machine (DOMAIN.md section 2): pure, given its deadlines policy, the law book,
/// the bank holidays and a date calculator. The rules for each part of the journey live in the partial files beside it.
/// </summary>
public sealed partial class JourneyDecider : IDecider<JourneyState, JourneyEvent, JourneyFact>
{
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public DeadlinesPolicy Policy { get; }
    public LawBook Law { get; }
    public BankHolidays Holidays { get; }
    public IKeyDateCalculator Calculator { get; }
    public PrisonDirectory Prisons { get; }

    public JourneyDecider(DeadlinesPolicy? policy = null, LawBook? law = null, BankHolidays? holidays = null, IKeyDateCalculator? calculator = null,
        PrisonDirectory? prisons = null)
    {
        Prisons = prisons ?? PrisonDirectory.EnglandAndWales;
        Policy = policy ?? DeadlinesPolicy.Default;
        Law = law ?? LawBook.EnglandAndWales;
        Holidays = holidays ?? BankHolidays.EnglandAndWales;
        Calculator = calculator ?? new CalculatorKeyDates(Law);
    }

    public JourneyState Initial(string journeyId) => new() { JourneyId = journeyId };

    public JourneyState Evolve(JourneyState state, JourneyFact fact) => JourneyEvolution.Apply(state, fact);

    public bool IsEnded(JourneyState state) => state.Stage == Stage.Ended;

    public Decision<JourneyFact> Decide(JourneyState state, JourneyEvent @event, Instant now) => Decide(state, @event, now, out _);

    /// <summary>Decide, also giving the state after the facts (the same as folding them with Evolve; saves the fold).</summary>
    public Decision<JourneyFact> Decide(JourneyState state, JourneyEvent @event, Instant now, out JourneyState next)
    {
        next = state;
        if (state.Handled.Contains(@event.EventId)) return Decision<JourneyFact>.Nothing;
        // A timer the state no longer keeps (its task was met meanwhile) has nothing left to do.
        if (@event is TimerDue due && !IsOpen(state, due.TimerId)) return Decision<JourneyFact>.Nothing;

        var step = new Step(state, @event.EventId, now, now.InZone(London).Date);
        step.Day = Happened.On(@event, step.Today, now);
        if (string.IsNullOrWhiteSpace(@event.EventId)) step.Reject(@event.Kind, "the event has no id, so a repeat could not be told apart: not applied");
        else if (@event is TimerDue timer) OnTimer(step, timer);
        else if (!state.Started)
        {
            if (@event is SentenceRecorded sentence) Start(step, sentence);
            else step.Add(new EventParked(@event));
        }
        else if (Refusal(state, @event, step.Today) is { } refused) step.Reject(@event.Kind, refused.Reason);
        else
        {
            CatchUpWithTheLaw(step);
            Apply(step, @event);
        }
        next = step.State;
        return step.ToDecision();
    }

    /// <summary>
    /// Why a started journey must refuse an event before it changes anything: a stated date after today (a release
    /// dated in January does not put a person still in prison on licence today) or before the sentence (except a
    /// reception or screening on remand). Null when the event may be applied. The app asks this first, so that it can
    /// answer a refusal with the field's name and record nothing.
    /// </summary>
    public (string Field, string Reason)? Refusal(JourneyState state, JourneyEvent e, LocalDate today)
    {
        if (StatedDate.Of(e) is not var (field, on)) return null;
        if (on > today) return (field, $"the event is dated {on:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}): an event from the future is not applied");
        if (state.Terms is { } terms && on < terms.SentenceDate && !StatedDate.MayPrecedeSentence(e))
            return (field, $"the event is dated {on:yyyy-MM-dd}, before the sentence of {terms.SentenceDate:yyyy-MM-dd}: it cannot belong to this journey");
        return null;
    }

    /// <summary>Applies an event to a started journey (also used for parked events once the sentence has arrived).</summary>
    private void Apply(Step step, JourneyEvent e)
    {
        var s = step.State;
        if (s.Stage == Stage.Ended)
        {
            step.Reject(e.Kind, $"the journey ended on {s.EndedOn:yyyy-MM-dd} ({s.EndReason})");
            return;
        }
        switch (e)
        {
            case SentenceRecorded: step.Reject(e.Kind, "the sentence is already recorded; use sentence-dates-changed to correct its dates"); break;
            case SentenceDatesChanged x: OnDatesChanged(step, x); break;
            case ComAllocated x: OnComAllocated(step, x); break;
            case ReceivedIntoCustody x: OnReceived(step, x); break;
            case ScreeningCompleted x: OnScreening(step, x); break;
            case ResettlementPlanCompleted x: OnTaskDone(step, e, Policy.ResettlementPlan, x.On, custodyOnly: true); break;
            case LicenceApproved x: OnTaskDone(step, e, Policy.LicenceApproval, x.On, custodyOnly: true); break;
            case DutyToReferMade x: OnTaskDone(step, e, Policy.DutyToRefer, x.On, custodyOnly: false); break;
            case CrsReferralSent x: step.Add(new Noted($"CRS referral {x.ReferralId} sent ({x.Pathway})")); break;
            case CrsReferralConcluded x: step.Add(new Noted($"CRS referral {x.ReferralId} concluded: {x.Outcome}")); break;
            case LicenceActivated x: step.Add(new Noted($"licence activated on {x.On:yyyy-MM-dd}")); break;
            case Released x: OnReleased(step, x); break;
            case ContactRecorded x: OnContact(step, x); break;
            case HomeVisitDone x: OnCommunityTask(step, e, Policy.HomeVisit, x.On); break;
            case AssessmentAndPlanDone x: OnCommunityTask(step, e, Policy.AssessmentAndPlan, x.On); break;
            case ReviewDone x: OnReview(step, x); break;
            case WarningIssued x: OnWarning(step, x); break;
            case LicenceBreached x: OnLicenceBreach(step, x); break;
            case RecallRequested x: OnRecallRequested(step, x); break;
            case RecallDecided x: OnRecallDecided(step, x); break;
            case ReturnedToCustody x: OnReturnedToCustody(step, x.On, e.Kind); break;
            case ReReleased x: OnReReleased(step, x); break;
            case PssBreached x: OnPssBreach(step, x); break;
            case CourtApplicationMade x: OnCourtApplication(step, x); break;
            case HearingListed x: OnHearingListed(step, x); break;
            case CourtOutcome x: OnCourtOutcome(step, x); break;
            case PssSuspended x: OnPssSuspended(step, x); break;
            case PssResumed x: OnPssResumed(step, x); break;
            case SentenceAdded x: OnSentenceAdded(step, x); break;
            case NewSentenceWhileSupervised x: OnNewSentence(step, x); break;
            case LawCommenced x: OnLawCommenced(step, x.LawId, external: true); break;
            case TaskCompleted x: OnTaskCompleted(step, x); break;
            case DatesCorrected x: OnDatesCorrected(step, x); break;
            case JourneyTerminated x:
                if (!string.IsNullOrWhiteSpace(x.By)) step.Add(new Noted($"journey terminated by {x.By}: {x.Reason}"));
                End(step, $"terminated: {x.Reason}");
                break;
            default: step.Reject(e.Kind, "this journey does not handle this kind of event"); break;
        }
    }

    private void ChangeStage(Step step, Stage to, string reason)
    {
        var from = step.State.Stage;
        if (from != to) step.Add(new StageChanged(from, to, step.Today, reason));
    }

    /// <summary>Ends the journey: no task is left open after the end.</summary>
    private void End(Step step, string reason, bool byPssRepeal = false)
    {
        foreach (var d in step.State.Deadlines) step.Add(new DeadlineCancelled(d.TaskId, $"journey ended: {reason}"));
        ChangeStage(step, Stage.Ended, reason);
        step.Add(new JourneyEnded(step.Today, reason, byPssRepeal));
    }
}
