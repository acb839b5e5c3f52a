using NodaTime;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// Terms served together: a term sentenced while the person is still held for an earlier one joins its period; a term
/// passed after the person was released from every earlier one (or its recall ended) starts a new period.
/// Adjustments are credited within a period.
/// </summary>
public sealed record CustodialPeriod(LocalDate From, LocalDate To, bool IsFirst, bool IsLast)
{
    /// <summary>Whether an adjustment recorded against sentences from this date belongs to this period.</summary>
    public bool Owns(LocalDate appliesToSentencesFrom) =>
        (IsFirst || appliesToSentencesFrom >= From) && (IsLast || appliesToSentencesFrom <= To);

    public static IReadOnlyList<(Term Term, CustodialPeriod Period)> Assign(IReadOnlyList<Term> terms, IReadOnlyList<Adjustment> adjustments, Law.RuleProfile law)
    {
        var ordered = new List<Term>(terms);
        ordered.Sort((a, b) => a.Start.CompareTo(b.Start));
        var groups = new List<List<Term>>();
        var heldUntil = LocalDate.MinIsoValue;
        var groupStart = LocalDate.MinIsoValue;
        foreach (var t in ordered)
        {
            if (groups.Count > 0 && t.Start <= heldUntil)
            {
                groups[^1].Add(t);
            }
            else
            {
                groups.Add([t]);
                groupStart = groups.Count == 1 ? LocalDate.MinIsoValue : t.Start;
                heldUntil = LocalDate.MinIsoValue;
            }
            var held = HeldUntil(t, adjustments, law, groupStart);
            if (held > heldUntil) heldUntil = held;
        }
        var result = new List<(Term, CustodialPeriod)>(terms.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            // Terms are in date order, so a group's first term starts it.
            var from = groups[i][0].Start;
            var to = i + 1 < groups.Count ? groups[i + 1][0].Start.PlusDays(-1) : LocalDate.MaxIsoValue;
            var period = new CustodialPeriod(from, to, i == 0, i == groups.Count - 1);
            foreach (var t in groups[i]) result.Add((t, period));
        }
        return result;
    }

    /// <summary>
    /// How long a term holds the person, estimated before the full calculation: a recalled term to its end; any other
    /// to its release point under the fraction in force for new sentences on its date, less remand and tagged bail
    /// recorded in this period so far, plus days added while held, and never before its sentence date.
    /// </summary>
    private static LocalDate HeldUntil(Term t, IReadOnlyList<Adjustment> adjustments, Law.RuleProfile law, LocalDate groupStart)
    {
        if (t.Recall is not null) return t.UnadjustedExpiry;
        var fraction = law.StandardRelease;
        if (law.Sds40 is { } sds40 && t.Start >= sds40.FirstCommencement && !t.Parts.Any(p => sds40.Excludes(p.Exclusions))) fraction = sds40.Release;
        if (law.ProgressionModel is { } pm && law.ProgressionModelForNewSentences is { } forNew && t.Start >= forNew
            && !t.Parts.Any(p => pm.Excludes(p.Exclusions))) fraction = pm.Release;
        var deductions = 0;
        foreach (var a in adjustments)
            if (a.Kind is AdjustmentKind.Remand or AdjustmentKind.TaggedBail && a.AppliesToSentencesFrom >= groupStart && a.AppliesToSentencesFrom <= t.Start)
                deductions += a.Days;
        var days = fraction.CeilingOf(Arithmetic.SentenceArithmetic.DaysInclusive(t.Start, t.UnadjustedExpiry));
        var release = t.Start.PlusDays(days - 1 - deductions);
        // Days unlawfully at large or awarded while held push the release back.
        var added = 0;
        foreach (var a in adjustments)
        {
            if (a.AppliesToSentencesFrom < t.Start || a.AppliesToSentencesFrom > release) continue;
            if (a.Kind is AdjustmentKind.UnlawfullyAtLarge or AdjustmentKind.AdditionalDaysAwarded) added += a.Days;
            else if (a.Kind == AdjustmentKind.RestorationOfAdditionalDaysAwarded) added -= a.Days;
        }
        release = release.PlusDays(Math.Max(0, added));
        return release < t.Start ? t.Start : release;
    }
}
