using NodaTime;

namespace ShortSentences.Journeys.Events;

/// <summary>
/// A member of staff corrected the sentence's dates (the authoritative dates from Calculate Release Dates, or a
/// mistake put right). Only the dates given change; the others keep their value. <paramref name="Release"/> is the CRD,
/// or the ARD when <paramref name="Unconditional"/> is true; <paramref name="End"/> the SLED (or SED). Who and why are
/// kept in the history with the old and the new dates.
/// </summary>
public sealed record DatesCorrected(
    string Reason,
    string By,
    LocalDate? Release = null,
    LocalDate? End = null,
    LocalDate? Tused = null,
    LocalDate? Hdced = null,
    bool? Unconditional = null) : JourneyEvent;
