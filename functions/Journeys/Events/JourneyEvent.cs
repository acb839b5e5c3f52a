using System.Text.Json.Serialization;
using NodaTime;

namespace ShortSentences.Journeys.Events;

/// <summary>
/// Something that happened to a person's sentence, from an upstream feed, a member of staff, the law or a timer.
/// <see cref="EventId"/> makes duplicates detectable; <see cref="Crn"/>, <see cref="Noms"/> and <see cref="SentenceId"/>
/// route it to its journey (<see cref="JourneyId.For"/>). The discriminators are stable: they are stored in histories.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SentenceRecorded), "sentence-recorded")]
[JsonDerivedType(typeof(ComAllocated), "com-allocated")]
[JsonDerivedType(typeof(ReceivedIntoCustody), "received-into-custody")]
[JsonDerivedType(typeof(ScreeningCompleted), "screening-completed")]
[JsonDerivedType(typeof(ResettlementPlanCompleted), "resettlement-plan-completed")]
[JsonDerivedType(typeof(CrsReferralSent), "crs-referral-sent")]
[JsonDerivedType(typeof(CrsReferralConcluded), "crs-referral-concluded")]
[JsonDerivedType(typeof(DutyToReferMade), "duty-to-refer-made")]
[JsonDerivedType(typeof(LicenceApproved), "licence-approved")]
[JsonDerivedType(typeof(LicenceActivated), "licence-activated")]
[JsonDerivedType(typeof(Released), "released")]
[JsonDerivedType(typeof(ContactRecorded), "contact-recorded")]
[JsonDerivedType(typeof(HomeVisitDone), "home-visit-done")]
[JsonDerivedType(typeof(AssessmentAndPlanDone), "assessment-and-plan-done")]
[JsonDerivedType(typeof(ReviewDone), "review-done")]
[JsonDerivedType(typeof(WarningIssued), "warning-issued")]
[JsonDerivedType(typeof(LicenceBreached), "licence-breached")]
[JsonDerivedType(typeof(RecallRequested), "recall-requested")]
[JsonDerivedType(typeof(RecallDecided), "recall-decided")]
[JsonDerivedType(typeof(ReturnedToCustody), "returned-to-custody")]
[JsonDerivedType(typeof(ReReleased), "re-released")]
[JsonDerivedType(typeof(PssBreached), "pss-breached")]
[JsonDerivedType(typeof(CourtApplicationMade), "court-application-made")]
[JsonDerivedType(typeof(HearingListed), "hearing-listed")]
[JsonDerivedType(typeof(CourtOutcome), "court-outcome")]
[JsonDerivedType(typeof(PssSuspended), "pss-suspended")]
[JsonDerivedType(typeof(PssResumed), "pss-resumed")]
[JsonDerivedType(typeof(SentenceAdded), "sentence-added")]
[JsonDerivedType(typeof(NewSentenceWhileSupervised), "new-sentence-while-supervised")]
[JsonDerivedType(typeof(SentenceDatesChanged), "sentence-dates-changed")]
[JsonDerivedType(typeof(LawCommenced), "law-commenced")]
[JsonDerivedType(typeof(JourneyTerminated), "journey-terminated")]
[JsonDerivedType(typeof(TimerDue), "timer-due")]
[JsonDerivedType(typeof(TaskCompleted), "task-completed")]
[JsonDerivedType(typeof(DatesCorrected), "dates-corrected")]
public abstract record JourneyEvent
{
    public string EventId { get; init; } = "";
    public string Crn { get; init; } = "";
    public string? Noms { get; init; }
    public string SentenceId { get; init; } = "";
    public Instant OccurredAt { get; init; }

    /// <summary>The stable discriminator, for history entries and rejection reasons.</summary>
    [JsonIgnore]
    public string Kind => EventKinds.Of(this);
}

/// <summary>Stable business id of a journey: one per person (CRN) and sentence.</summary>
public static class JourneyId
{
    public static string For(string crn, string sentenceId) => $"J-{crn.Trim().ToUpperInvariant()}-{sentenceId.Trim()}";

    /// <summary>The journey an event is routed to (a law event with no CRN goes to every running journey instead).</summary>
    public static string Of(JourneyEvent e) => For(e.Crn, e.SentenceId);
}
