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

    /// <summary>
    /// Of <see cref="UnlawfullyAtLarge"/>, the days of a recalled term's spells that began after the person was released
    /// (CRDS `ualAfterDeterminateRelease`): they extend the sentence and its licence, but top-up supervision only after
    /// its 12 months have been counted from release (<see cref="TopUpSupervision"/>).
    /// </summary>
    public int UnlawfullyAtLargeAfterRelease { get; init; }

    /// <summary>Days unlawfully at large while still in custody for the term: they put the release itself back.</summary>
    public int UnlawfullyAtLargeInCustody => UnlawfullyAtLarge - UnlawfullyAtLargeAfterRelease;

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
        var (ual, afterRelease) = UnlawfullyAtLargeBeforeExpiry(term, spells, remand + tb + rr + rtb, recalled ? releaseEstimate : null);
        return new AdjustmentTotals(remand, tb, rr, rtb, ual, ada, rada) { UnlawfullyAtLargeAfterRelease = afterRelease };
    }

    /// <summary>
    /// Unlawfully-at-large spells in date order, each counted only if it began before the sentence (as extended by the
    /// spells before it) had expired: being at large after expiry is no longer time owed on it.
    /// For a recalled term, also the days of spells that began after its release (see <see cref="ReleasedFrom"/>).
    /// </summary>
    private static (int All, int AfterRelease) UnlawfullyAtLargeBeforeExpiry(Term term, List<Adjustment>? spells, int deductions, LocalDate? releaseEstimate)
    {
        if (spells is null) return (0, 0);
        if (spells.Count > 1) spells.Sort((x, y) => x.AppliesToSentencesFrom.CompareTo(y.AppliesToSentencesFrom));
        int ual = 0, afterRelease = 0;
        foreach (var spell in spells)
        {
            if (spell.AppliesToSentencesFrom > term.UnadjustedExpiry.PlusDays(ual - deductions)) continue;
            ual += spell.Days;
            if (releaseEstimate is { } release && spell.AppliesToSentencesFrom > ReleasedFrom(term, release.PlusDays(ual - afterRelease - spell.Days)))
                afterRelease += spell.Days;
        }
        return (ual, afterRelease);
    }

    /// <summary>
    /// The last day in custody before release on licence: the release date (never before the sentence date), or the
    /// working day before it when it falls on a weekend or bank holiday (CRDS's booking timeline counts the person as
    /// out from the day after that).
    /// </summary>
    public static LocalDate ReleasedFrom(Term term, LocalDate release)
    {
        if (release < term.Start) release = term.Start;
        var working = Calendar.BankHolidays.EnglandAndWales.OnOrBeforeWorkingDay(release);
        return working < term.Start ? term.Start : working;
    }
}
