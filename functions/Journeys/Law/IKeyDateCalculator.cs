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

    /// <summary>
    /// The overall dates of one custodial term made of several sentences: consecutive ones aggregated into one term,
    /// concurrent ones calculated separately and the latest dates winning (the calculator's own combination rules).
    /// </summary>
    KeyDates CalculateTerm(IReadOnlyList<JourneySentence> sentences, LocalDate onDay);

    /// <summary>The longest term's length in days (a consecutive chain counts as one term): what the law's tranches go by.</summary>
    int TermDays(IReadOnlyList<JourneySentence> sentences);
}
