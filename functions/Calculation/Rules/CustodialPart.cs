using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// The custodial part of a term, kept exact: each sentence of a consecutive chain contributes its own days times its
/// own release fraction (a part excluded from an early release scheme stays at one half), summed before rounding up.
/// Held in thirtieths of a day, which is exact for halves, thirds and fifths.
/// </summary>
public readonly record struct CustodialPart(long Thirtieths, Fraction? Uniform, int TotalDays, string? MixedDescription = null)
{
    /// <summary>"one third of 182 days is 61 days", or the sum part by part where fractions differ.</summary>
    public string Description => Uniform is { } f ? $"{f} of {TotalDays} days is {Days} days" : MixedDescription!;

    /// <summary>Days to serve: rounded up to a whole day.</summary>
    public int Days => (int)((Thirtieths + 29) / 30);

    /// <summary>Half the custodial part, rounded up (HDC's halfway point).</summary>
    public int HalfDays => (int)((Thirtieths + 59) / 60);

    public static CustodialPart Of(IReadOnlyList<Sentence> parts, IReadOnlyList<int> partDays, int totalDays, Func<Sentence, Fraction> fraction)
    {
        // One fraction for the whole term: apply it to the aggregated length (parts counted one after another can
        // differ from it by a day or two at month ends).
        var first = fraction(parts[0]);
        var same = true;
        for (var i = 1; i < parts.Count && same; i++) same = fraction(parts[i]) == first;
        if (same)
        {
            var thirtieths = (long)totalDays * first.Numerator * (30 / first.Denominator);
            return new CustodialPart(thirtieths, first, totalDays);
        }

        // Fractions differ from part to part (a part excluded from a scheme): sum the exact parts, then round up.
        long total = 0;
        var pieces = new List<string>(parts.Count);
        var sum = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var f = fraction(parts[i]);
            total += (long)partDays[i] * f.Numerator * (30 / f.Denominator);
            pieces.Add($"{f} of {partDays[i]}");
            sum += partDays[i];
        }
        return new CustodialPart(total, null, sum, $"{string.Join(" plus ", pieces)} days is {(total + 29) / 30} days");
    }
}
