using System.Text.Json.Serialization;
using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Facts;

/// <summary>
/// What the journey recorded: its history and audit trail. <see cref="EventId"/> is the event that caused it (so
/// replaying the history rebuilds the set of events already handled), <see cref="At"/> the instant it was decided and
/// <see cref="OccurredOn"/> the day what caused it happened.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(JourneyStarted), "journey-started")]
[JsonDerivedType(typeof(EventParked), "event-parked")]
[JsonDerivedType(typeof(EventRejected), "event-rejected")]
[JsonDerivedType(typeof(StageChanged), "stage-changed")]
[JsonDerivedType(typeof(DeadlineSet), "deadline-set")]
[JsonDerivedType(typeof(DeadlineMet), "deadline-met")]
[JsonDerivedType(typeof(DeadlineCancelled), "deadline-cancelled")]
[JsonDerivedType(typeof(ReminderRaised), "reminder-raised")]
[JsonDerivedType(typeof(ComAssigned), "com-assigned")]
[JsonDerivedType(typeof(CustodyReception), "custody-reception")]
[JsonDerivedType(typeof(PathwaysScreened), "pathways-screened")]
[JsonDerivedType(typeof(Noted), "noted")]
[JsonDerivedType(typeof(PersonReleased), "person-released")]
[JsonDerivedType(typeof(ContactCounted), "contact-counted")]
[JsonDerivedType(typeof(WarningRecorded), "warning-recorded")]
[JsonDerivedType(typeof(WarningsReset), "warnings-reset")]
[JsonDerivedType(typeof(LicenceBreachRecorded), "licence-breach-recorded")]
[JsonDerivedType(typeof(RecallDecisionRecorded), "recall-decision-recorded")]
[JsonDerivedType(typeof(RecallCustodyStarted), "recall-custody-started")]
[JsonDerivedType(typeof(PssBreachRecorded), "pss-breach-recorded")]
[JsonDerivedType(typeof(HearingDateRecorded), "hearing-date-recorded")]
[JsonDerivedType(typeof(BreachConcluded), "breach-concluded")]
[JsonDerivedType(typeof(PssSuspensionChanged), "pss-suspension-changed")]
[JsonDerivedType(typeof(SentenceJoined), "sentence-joined")]
[JsonDerivedType(typeof(DatesChanged), "dates-changed")]
[JsonDerivedType(typeof(LawApplied), "law-applied")]
[JsonDerivedType(typeof(JourneyEnded), "journey-ended")]
public abstract record JourneyFact
{
    public string EventId { get; init; } = "";
    public Instant At { get; init; }

    /// <summary>
    /// The day what caused it happened (<see cref="Events.Happened"/>: the event's own date, or a commencement's date for
    /// what the law changed), as against <see cref="At"/>, when it was recorded. The timeline shows this day first.
    /// Null in facts recorded before it was kept.
    /// </summary>
    public LocalDate? OccurredOn { get; init; }
}

public sealed record JourneyStarted(
    string Crn, string? Noms, string SentenceId, SentenceTerms Terms, PersonProfile Person, KeyDates Dates,
    bool DatesSupplied, bool ShortSentenceFunction, int SentenceDays) : JourneyFact;

/// <summary>An event that arrived before its sentence: kept, and applied when the journey starts.</summary>
public sealed record EventParked(JourneyEvent Event) : JourneyFact;

/// <summary>An event the journey could not apply, with the reason (nothing is dropped silently).</summary>
public sealed record EventRejected(string EventType, string Reason) : JourneyFact;

public sealed record StageChanged(Stage From, Stage To, LocalDate On, string Reason) : JourneyFact;

public sealed record DeadlineSet(Deadline Deadline) : JourneyFact;
public sealed record DeadlineMet(string TaskId, string RuleId, LocalDate On, bool Late) : JourneyFact;
public sealed record DeadlineCancelled(string TaskId, string Reason) : JourneyFact;

/// <summary>A reminder was raised for a deadline (the command carries the message; this records that it was due).</summary>
public sealed record ReminderRaised(string TaskId, int Index, Durable.ReminderKind Kind) : JourneyFact;

public sealed record ComAssigned(string ComName, string Pdu, bool Reallocation) : JourneyFact;
/// <summary>
/// A reception into prison: <paramref name="Prison"/> as the feed gave it (a code), <paramref name="PrisonName"/> and
/// <paramref name="PrisonRegion"/> from the prison directory or the feed ("unknown" when neither knows).
/// </summary>
public sealed record CustodyReception(LocalDate On, string Prison, bool HeldOutOfArea, string? PrisonName = null, string? PrisonRegion = null) : JourneyFact;
public sealed record PathwaysScreened(int Part, IReadOnlyList<Pathway> Screened, IReadOnlyList<Pathway> NeedsIdentified) : JourneyFact;

/// <summary>Something worth showing in the timeline that changes no state (CRS referral, licence activation...).</summary>
public sealed record Noted(string What) : JourneyFact;

public sealed record PersonReleased(LocalDate On, bool OnHdc) : JourneyFact;
public sealed record ContactCounted(LocalDate On, ContactKind Contact, bool Counts, string Why) : JourneyFact;
public sealed record WarningRecorded(string Reason) : JourneyFact;
public sealed record WarningsReset(string Reason) : JourneyFact;

public sealed record LicenceBreachRecorded(LocalDate On, string Reason) : JourneyFact;
public sealed record RecallDecisionRecorded(LocalDate On, RecallType Recall, int? FixedTermDays, string? LawId) : JourneyFact;
public sealed record RecallCustodyStarted(LocalDate On, LocalDate? ReleaseDue) : JourneyFact;

public sealed record PssBreachRecorded(LocalDate On, string Reason) : JourneyFact;
public sealed record HearingDateRecorded(LocalDate HearingOn, bool AfterTused) : JourneyFact;
public sealed record BreachConcluded(LocalDate On, string Outcome) : JourneyFact;

public sealed record PssSuspensionChanged(LocalDate On, bool Suspended, string DecidedBy, string Reason) : JourneyFact;

/// <summary>
/// The key dates changed; <paramref name="LawId"/> when a commenced law changed them, <paramref name="SentenceId"/>
/// when a sentence joining the journey did.
/// </summary>
public sealed record DatesChanged(KeyDates Before, KeyDates After, string Reason, string? LawId, string? SentenceId = null) : JourneyFact;

/// <summary>
/// A sentence joined this custodial term; <paramref name="TermDays"/> is the longest term's length now (the law's
/// tranches go by it) and <paramref name="Change"/> says, in words, what the sentence did to the dates.
/// </summary>
public sealed record SentenceJoined(JourneySentence Sentence, int TermDays, string Change) : JourneyFact;

/// <summary>A commenced law reached this journey; <paramref name="Change"/> says what it changed (or that it changed nothing).</summary>
public sealed record LawApplied(string LawId, LocalDate Commenced, string Description, string Change) : JourneyFact;

public sealed record JourneyEnded(LocalDate On, string Reason, bool ByPssRepeal) : JourneyFact;
