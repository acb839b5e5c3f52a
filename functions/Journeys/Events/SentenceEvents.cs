using NodaTime;
using ShortSentences.Journeys.Law;

namespace ShortSentences.Journeys.Events;

/// <summary>
/// Who the person is, as far as the journey needs: home PDU and region, what shapes their resettlement, and the name
/// staff know them by when the feed gives it (shown on the staff pages; never written to logs).
/// </summary>
public sealed record PersonProfile(string Pdu, string Region, bool Female = false, bool NoFixedAbode = false,
    string? FirstName = null, string? LastName = null)
{
    /// <summary>"First Last", or null when the feed gave no name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Name => string.Join(" ", new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } n ? n : null;
}

/// <summary>A custodial sentence was passed. <paramref name="Dates"/> when the feed supplies them; computed otherwise.</summary>
public sealed record SentenceRecorded(SentenceTerms Terms, PersonProfile Person, KeyDates? Dates = null) : JourneyEvent;

/// <summary>The sentence's dates changed (recalculation by CRDS, or terms corrected).</summary>
public sealed record SentenceDatesChanged(KeyDates? Dates = null, SentenceTerms? Terms = null) : JourneyEvent;

/// <summary>
/// Another sentence was passed consecutive to (<paramref name="ConsecutiveTo"/>) or concurrent with
/// (<paramref name="ConcurrentWith"/>) a sentence of this journey while the person is still in custody on it: it joins
/// this custodial term (one release, the overall dates). The event is routed by the journey's own sentence id;
/// <paramref name="AddedSentenceId"/> is the new sentence. <paramref name="Dates"/> when the feed supplies the overall dates.
/// </summary>
public sealed record SentenceAdded(
    string AddedSentenceId,
    SentenceTerms Terms,
    IReadOnlyList<string> ConsecutiveTo,
    IReadOnlyList<string> ConcurrentWith,
    KeyDates? Dates = null) : JourneyEvent;

/// <summary>Another sentence was passed while this one is supervised; it runs as its own journey.</summary>
public sealed record NewSentenceWhileSupervised(string NewSentenceId) : JourneyEvent;

/// <summary>Effective-dated legislation commenced (the journey also sets its own timer for each commencement).</summary>
public sealed record LawCommenced(string LawId) : JourneyEvent;

/// <summary>
/// The journey stops for a reason outside this model (sentence quashed, death, transfer out of the jurisdiction);
/// <paramref name="By"/> is the member of staff who ended it (absent in histories from before it was asked for).
/// </summary>
public sealed record JourneyTerminated(string Reason, string? By = null) : JourneyEvent;

/// <summary>A durable timer fell due (delivered by the runtime or the simulator's virtual clock).</summary>
public sealed record TimerDue(string TimerId, Instant DueAt) : JourneyEvent;
