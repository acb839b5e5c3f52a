using NodaTime;

namespace ShortSentences.Calculation.Law;

/// <summary>
/// One phase of a change that commences in stages by sentence length: sentences whose length in days is at most
/// <see cref="MaxSentenceDays"/> (or any length, for the final tranche) are covered from <see cref="Commencement"/>.
/// </summary>
public sealed record Tranche(string Name, LocalDate Commencement, int? MaxSentenceDays = null, int? UnderYears = null)
{
    public bool Covers(LocalDate start, int sentenceDays) =>
        (MaxSentenceDays is not { } max || sentenceDays <= max) &&
        (UnderYears is not { } years || sentenceDays < Arithmetic.SentenceArithmetic.LengthInDays(start, Duration.OfYears(years)));
}

/// <summary>An early release scheme: a release fraction that applies, by tranche, to sentences not excluded by offence.</summary>
public sealed record EarlyReleaseScheme(
    string Name,
    Fraction Release,
    IReadOnlyList<Tranche> Tranches,
    IReadOnlySet<EarlyReleaseExclusion> Exclusions,
    string? Title = null)
{
    /// <summary>The name a COM reads in explanations ("SDS40", "the progression model").</summary>
    public string DisplayName => Title ?? Name;

    /// <summary>The first day this scheme covers a sentence of this length; null if no tranche covers it.</summary>
    public Tranche? TrancheFor(LocalDate start, int sentenceDays)
    {
        foreach (var tranche in Tranches)
            if (tranche.Covers(start, sentenceDays)) return tranche;
        return null;
    }

    /// <summary>The first tranche's commencement (none yet: never).</summary>
    public LocalDate FirstCommencement => Tranches.Count > 0 ? Tranches[0].Commencement : LocalDate.MaxIsoValue;

    public bool Excludes(IReadOnlyList<EarlyReleaseExclusion> offenceExclusions)
    {
        foreach (var e in offenceExclusions)
            if (Exclusions.Contains(e)) return true;
        return false;
    }
}
