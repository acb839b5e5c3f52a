using NodaTime;

namespace ShortSentences.Calculation.Rules;

/// <summary>The adjustment days that count towards one term.</summary>
public sealed record AdjustmentTotals(
    int Remand, int TaggedBail, int RecallRemand, int RecallTaggedBail,
    int UnlawfullyAtLarge, int AdditionalDaysAwarded, int RestoredDays)
{
    public static readonly AdjustmentTotals None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Time already served: comes off release and expiry dates (recall remand and tagged bail only count for a recalled term).</summary>
    public int Deductions => Remand + TaggedBail + RecallRemand + RecallTaggedBail;
    /// <summary>
    /// Additional days already served for an earlier sentence before this one was passed (the person was then held
    /// only by those days); they do not delay this sentence's release again.
    /// </summary>
    public int ServedAwarded { get; init; }

    /// <summary>Additional days awarded less those restored and those already served; they move release dates, never expiry.</summary>
    public int NetAwarded => Math.Max(0, AdditionalDaysAwarded - RestoredDays - ServedAwarded);

    /// <summary>
    /// Which adjustments count for a term: every adjustment recorded in a custodial period counts for each term of that
    /// period (concurrent sentences all benefit from remand; all are extended by unlawfully-at-large days).
    /// </summary>
    public static AdjustmentTotals For(Term term, CustodialPeriod period, IReadOnlyList<Adjustment> adjustments, LocalDate releaseEstimate)
    {
        int remand = 0, tb = 0, rr = 0, rtb = 0, ada = 0, rada = 0;
        List<Adjustment>? spells = null;
        var recalled = term.Recall is not null;
        foreach (var a in adjustments)
        {
            if (a.Kind is AdjustmentKind.RecallRemand or AdjustmentKind.RecallTaggedBail && !recalled) continue;
            // Recall remand recorded against earlier sentences is not time served on a sentence passed later.
            if (a.Kind is AdjustmentKind.RecallRemand or AdjustmentKind.RecallTaggedBail && a.AppliesToSentencesFrom < term.Start) continue;
            // Remand for a sentence passed after a recalled term began is not time served on the recall.
            if (a.Kind is AdjustmentKind.Remand or AdjustmentKind.TaggedBail && recalled && a.AppliesToSentencesFrom > term.Start) continue;
            // Unlawfully at large after the term began; for a term not recalled, only while still in custody for it.
            if (a.Kind == AdjustmentKind.UnlawfullyAtLarge &&
                (a.AppliesToSentencesFrom < term.Start || (!recalled && a.AppliesToSentencesFrom > releaseEstimate))) continue;
            switch (a.Kind)
            {
                case AdjustmentKind.Remand when period.Owns(a.AppliesToSentencesFrom): remand += a.Days; break;
                case AdjustmentKind.TaggedBail when period.Owns(a.AppliesToSentencesFrom): tb += a.Days; break;
                case AdjustmentKind.RecallRemand when period.Owns(a.AppliesToSentencesFrom): rr += a.Days; break;
                case AdjustmentKind.RecallTaggedBail when period.Owns(a.AppliesToSentencesFrom): rtb += a.Days; break;
                case AdjustmentKind.UnlawfullyAtLarge when period.Owns(a.AppliesToSentencesFrom): (spells ??= []).Add(a); break;
                case AdjustmentKind.AdditionalDaysAwarded when period.Owns(a.AppliesToSentencesFrom): ada += a.Days; break;
                case AdjustmentKind.RestorationOfAdditionalDaysAwarded when period.Owns(a.AppliesToSentencesFrom): rada += a.Days; break;
            }
        }
        var ual = UnlawfullyAtLargeBeforeExpiry(term, spells, remand + tb + rr + rtb);
        return new AdjustmentTotals(remand, tb, rr, rtb, ual, ada, rada);
    }

    /// <summary>
    /// Unlawfully-at-large spells in date order, each counted only if it began before the sentence (as extended by the
    /// spells before it) had expired: being at large after expiry is no longer time owed on it.
    /// </summary>
    private static int UnlawfullyAtLargeBeforeExpiry(Term term, List<Adjustment>? spells, int deductions)
    {
        if (spells is null) return 0;
        if (spells.Count > 1) spells.Sort((x, y) => x.AppliesToSentencesFrom.CompareTo(y.AppliesToSentencesFrom));
        var ual = 0;
        foreach (var spell in spells)
            if (spell.AppliesToSentencesFrom <= term.UnadjustedExpiry.PlusDays(ual - deductions)) ual += spell.Days;
        return ual;
    }
}
