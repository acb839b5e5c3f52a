using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation;

/// <summary>How to calculate: which law (rule profile), which feature switches, which optional dates.</summary>
public sealed record CalculationOptions(RuleProfile Profile, FeatureToggles Toggles, bool CalculateErsed = false)
{
    /// <summary>Production rules without the progression model, every toggle off.</summary>
    public static CalculationOptions Default { get; } = new(Legislation.CalculationParams, FeatureToggles.None);

    /// <summary>The profile with the toggles applied: the PSS repeal switch adds the repeal to the law.</summary>
    public RuleProfile EffectiveProfile => Toggles.ApplyPssRepeal && Profile.PssRepeal is null
        ? Profile with { PssRepeal = LegislationDates.PssRepeal }
        : Profile;
}

/// <summary>CRDS feature toggles that change dates; every toggle is off unless set.</summary>
public sealed record FeatureToggles(bool ApplyPssRepeal = false)
{
    public static FeatureToggles None { get; } = new();
}
