using NodaTime;

namespace ShortSentences.Journeys.Law;

/// <summary>
/// The dates a journey follows (names as in CRDS). <paramref name="Crd"/> is the release date (ARD when
/// <paramref name="Unconditional"/>), <paramref name="Sled"/> the end of licence, <paramref name="Tused"/> the end of PSS.
/// </summary>
public sealed record KeyDates(
    LocalDate Crd,
    LocalDate Sled,
    LocalDate? Tused = null,
    LocalDate? Hdced = null,
    bool Unconditional = false)
{
    [System.Text.Json.Serialization.JsonIgnore] public LocalDate SupervisionEnd => Tused is { } t && t > Sled ? t : Sled;
}

/// <summary>What the journey knows of the sentence, enough to compute dates when the event does not supply them.</summary>
public sealed record SentenceTerms(
    LocalDate SentenceDate,
    int Months,
    int Days,
    LocalDate OffenceDate,
    int RemandDays = 0,
    int TaggedBailDays = 0,
    LocalDate? DateOfBirth = null);
