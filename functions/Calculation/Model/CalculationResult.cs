using NodaTime;

namespace ShortSentences.Calculation;

/// <summary>The dates for a booking, each with one sentence saying which rule produced it and how.</summary>
public sealed record CalculationResult(
    IReadOnlyDictionary<ReleaseDateType, LocalDate> Dates,
    Period EffectiveSentenceLength,
    IReadOnlyDictionary<ReleaseDateType, string> Explanations);
