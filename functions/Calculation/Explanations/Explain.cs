using NodaTime;
using ShortSentences.Calculation.Rules;

namespace ShortSentences.Calculation.Explanations;

/// <summary>Pieces of the one-sentence explanations a COM reads beside each date.</summary>
public static class Explain
{
    public static string Date(LocalDate d) => NodaTime.Text.LocalDatePattern.Iso.Format(d);

    public static string Days(long n) => n == 1 ? "1 day" : $"{n} days";

    /// <summary>"13 additional days awarded" or "1 additional day awarded".</summary>
    public static string Additional(long n) => n == 1 ? "1 additional day awarded" : $"{n} additional days awarded";

    /// <summary>"5 days'" or "1 day's".</summary>
    public static string DaysOf(long n) => n == 1 ? "1 day's" : $"{n} days'";

    /// <summary>", less 5 days' remand, plus 3 days unlawfully at large" (empty when nothing applies).</summary>
    public static string Adjustments(AdjustmentTotals a, bool deductions = true, bool ual = true, bool awarded = false)
    {
        var parts = new List<string>(5);
        if (deductions && a.Remand > 0) parts.Add($"less {DaysOf(a.Remand)} remand");
        if (deductions && a.TaggedBail > 0) parts.Add($"less {DaysOf(a.TaggedBail)} tagged bail");
        if (deductions && a.RecallRemand > 0) parts.Add($"less {DaysOf(a.RecallRemand)} recall remand");
        if (deductions && a.RecallTaggedBail > 0) parts.Add($"less {DaysOf(a.RecallTaggedBail)} recall tagged bail");
        if (ual && a.UnlawfullyAtLarge > 0) parts.Add($"plus {Days(a.UnlawfullyAtLarge)} unlawfully at large");
        if (awarded && a.NetAwarded > 0)
            parts.Add(a.RestoredDays > 0
                ? $"plus {Additional(a.NetAwarded)} ({a.AdditionalDaysAwarded} awarded, {a.RestoredDays} restored)"
                : $"plus {Additional(a.NetAwarded)}");
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }
}
