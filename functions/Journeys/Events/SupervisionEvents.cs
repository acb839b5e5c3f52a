using NodaTime;

namespace ShortSentences.Journeys.Events;

public enum ContactKind { FaceToFace, Video, Phone }

/// <summary>A supervision contact; <paramref name="Induction"/> when it was the PSS induction.</summary>
public sealed record ContactRecorded(LocalDate On, ContactKind Contact, bool Induction = false) : JourneyEvent;
public sealed record HomeVisitDone(LocalDate On) : JourneyEvent;
public sealed record AssessmentAndPlanDone(LocalDate On) : JourneyEvent;
public sealed record ReviewDone(LocalDate On) : JourneyEvent;
public sealed record WarningIssued(string Reason) : JourneyEvent;

public sealed record LicenceBreached(LocalDate On, string Reason) : JourneyEvent;
public sealed record RecallRequested(LocalDate On) : JourneyEvent;
public enum RecallType { Standard, FixedTerm }
public sealed record RecallDecided(LocalDate On, RecallType Recall) : JourneyEvent;
public sealed record ReturnedToCustody(LocalDate On) : JourneyEvent;
public sealed record ReReleased(LocalDate On) : JourneyEvent;

public sealed record PssBreached(LocalDate On, string Reason) : JourneyEvent;
public sealed record CourtApplicationMade(LocalDate On) : JourneyEvent;
public sealed record HearingListed(LocalDate HearingOn) : JourneyEvent;
public enum CourtOutcomeKind { Committal, Fine, SupervisionDefaultOrder, NoAction, Withdrawn }
public sealed record CourtOutcome(LocalDate On, CourtOutcomeKind Outcome) : JourneyEvent;

/// <summary>
/// An accountable decision by the COM and SPO to suspend PSS reporting (inspectorate recommendation).
/// <paramref name="By"/> is who recorded the decision, when someone other than the two deciders did (the management API).
/// </summary>
public sealed record PssSuspended(LocalDate On, string ComName, string SpoName, string Reason, string? By = null) : JourneyEvent;

/// <summary>PSS reporting resumes; <paramref name="By"/> and <paramref name="Reason"/> as staff gave them (optional in older histories).</summary>
public sealed record PssResumed(LocalDate On, string? By = null, string? Reason = null) : JourneyEvent;
