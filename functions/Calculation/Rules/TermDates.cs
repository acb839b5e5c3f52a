using NodaTime;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>The dates of one term, each with its explanation (built only if the date is shown).</summary>
public sealed class TermDates
{
    public required Term Term { get; init; }
    public required LocalDate UnadjustedExpiry { get; init; }
    public required int LengthDays { get; init; }
    public required AdjustmentTotals Adjustments { get; init; }
    public Dictionary<ReleaseDateType, LocalDate> Dates { get; } = new();
    public Dictionary<ReleaseDateType, Func<string>> Explanations { get; } = new();

    /// <summary>Days of each sentence of the term, in order (one entry for a single sentence).</summary>
    public required IReadOnlyList<int> PartDays { get; init; }
    /// <summary>The release fraction of each sentence of the term, and the custodial part it gives.</summary>
    public Func<Sentence, Fraction> Regime { get; set; } = _ => Fraction.OneHalf;
    public CustodialPart Custodial { get; set; }
    public int CustodialDays { get; set; }
    /// <summary>Release date before deductions and additions.</summary>
    public LocalDate UnadjustedRelease { get; set; }
    public LocalDate ReleaseDate { get; set; }
    /// <summary>Sentence end after remand, tagged bail and unlawfully-at-large days.</summary>
    public LocalDate AdjustedExpiry { get; set; }
    public Track Track { get; set; }
    /// <summary>Time served before sentence covers the whole sentence.</summary>
    public bool ServedBeforeSentence { get; set; }
    /// <summary>The early release scheme that set the release point, if any.</summary>
    public EarlyReleaseScheme? Scheme { get; set; }
    /// <summary>
    /// When a scheme reached a term already being served: the fraction before it and the day it reached the term.
    /// Dates the scheme would bring before that day stay on the old fraction or move to that day.
    /// </summary>
    public (Func<Sentence, Fraction> Before, LocalDate Commencement)? Transition { get; set; }
    /// <summary>Release date before additional days awarded (used for age at release and TUSED).</summary>
    public LocalDate ReleaseWithoutAwarded { get; set; }
    /// <summary>Additional days that could not be used because release cannot pass expiry.</summary>
    public int UnusedAwardedDays { get; set; }
    public bool Licence { get; set; }

    /// <summary>Records a date; the explanation must capture only values fixed by now, never the term itself.</summary>
    public void Set(ReleaseDateType type, LocalDate date, Func<string> explanation)
    {
        Dates[type] = date;
        Explanations[type] = explanation;
    }

    public void Remove(ReleaseDateType type)
    {
        Dates.Remove(type);
        Explanations.Remove(type);
    }
}
