namespace ShortSentences.Calculation.Rules;

/// <summary>The adjustment days that count towards one term.</summary>
public sealed record AdjustmentTotals(
    int Remand, int TaggedBail, int RecallRemand, int RecallTaggedBail,
    int UnlawfullyAtLarge, int AdditionalDaysAwarded, int RestoredDays)
{
    /// <summary>Time already served before sentence: comes off release and expiry dates.</summary>
    public int Deductions => Remand + TaggedBail;
    public int RecallDeductions => RecallRemand + RecallTaggedBail;
    /// <summary>Additional days awarded less those restored; they move release dates, never expiry.</summary>
    public int NetAwarded => Math.Max(0, AdditionalDaysAwarded - RestoredDays);

    /// <summary>Adjustments recorded against sentences passed on or before the term's latest sentence date.</summary>
    public static AdjustmentTotals For(Term term, IReadOnlyList<Adjustment> adjustments)
    {
        int remand = 0, tb = 0, rr = 0, rtb = 0, ual = 0, ada = 0, rada = 0;
        var latest = term.LatestSentenceDate;
        foreach (var a in adjustments)
        {
            if (a.AppliesToSentencesFrom > latest) continue;
            switch (a.Kind)
            {
                case AdjustmentKind.Remand: remand += a.Days; break;
                case AdjustmentKind.TaggedBail: tb += a.Days; break;
                case AdjustmentKind.RecallRemand: rr += a.Days; break;
                case AdjustmentKind.RecallTaggedBail: rtb += a.Days; break;
                case AdjustmentKind.UnlawfullyAtLarge: ual += a.Days; break;
                case AdjustmentKind.AdditionalDaysAwarded: ada += a.Days; break;
                case AdjustmentKind.RestorationOfAdditionalDaysAwarded: rada += a.Days; break;
            }
        }
        return new AdjustmentTotals(remand, tb, rr, rtb, ual, ada, rada);
    }
}
