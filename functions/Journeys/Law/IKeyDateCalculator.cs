using NodaTime;

namespace ShortSentences.Journeys.Law;

/// <summary>
/// Computes a sentence's key dates under the law in force on <c>onDay</c> (<see cref="CalculatorKeyDates"/> uses the
/// calculator project). Small so tests and what-if runs can substitute their own.
/// </summary>
public interface IKeyDateCalculator
{
    KeyDates Calculate(SentenceTerms terms, LocalDate onDay);

    /// <summary>Length of the sentence in days, both ends counted (CRDS convention).</summary>
    int SentenceDays(SentenceTerms terms);
}
