using NodaTime;

namespace ShortSentences.App.Events;

/// <summary>
/// Who this service follows (DOMAIN.md section 1): adults, 18 or over when sentenced, serving a custodial sentence
/// under 2 years. Anything else is refused at the door rather than started as a journey that follows the wrong rules.
/// </summary>
public static class ServiceScope
{
    public const int AdultAge = 18;
    public const int ShortSentenceYears = 2;

    public static bool IsAdultOn(LocalDate dateOfBirth, LocalDate sentenceDate) =>
        dateOfBirth.PlusYears(AdultAge) <= sentenceDate;

    /// <summary>Under 2 years: the sentence end (CRDS arithmetic: the day before the sentence date plus the length)
    /// falls before the day before the sentence date plus 2 years.</summary>
    public static bool IsShortSentence(LocalDate sentenceDate, SentenceLength length)
    {
        var start = sentenceDate.PlusDays(-1);
        return start.Plus(length.ToPeriod()) < start.PlusYears(ShortSentenceYears);
    }
}
