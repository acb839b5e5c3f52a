using NodaTime;

namespace ShortSentences.Journeys.Law;

/// <summary>
/// Computes a sentence's key dates under the law in force on <c>onDay</c>. Kept small so the journeys can use the
/// calculator project's <c>ReleaseDateCalculator</c> behind it when it is merged.
/// </summary>
public interface IKeyDateCalculator
{
    KeyDates Calculate(SentenceTerms terms, LocalDate onDay);

    /// <summary>Length of the sentence in days, both ends counted (CRDS convention).</summary>
    int SentenceDays(SentenceTerms terms);
}
