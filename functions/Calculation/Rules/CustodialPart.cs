using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// The custodial part of a term, kept exact: each sentence of a consecutive chain contributes its own days times its
/// own release fraction (a part excluded from an early release scheme stays at one half), summed before rounding up.
/// Held in thirtieths of a day, which is exact for halves, thirds and fifths.
/// </summary>
public readonly record struct CustodialPart(long Thirtieths, string Description)
{
    /// <summary>Days to serve: rounded up to a whole day.</summary>
    public int Days => (int)((Thirtieths + 29) / 30);

    /// <summary>Half the custodial part, rounded up (HDC's halfway point).</summary>
    public int HalfDays => (int)((Thirtieths + 59) / 60);

    public static CustodialPart Of(IReadOnlyList<Sentence> parts, IReadOnlyList<int> partDays, Func<Sentence, Fraction> fraction)
    {
        long total = 0;
        var pieces = new List<string>(parts.Count);
        Fraction? only = null;
        var uniform = true;
        for (var i = 0; i < parts.Count; i++)
        {
            var f = fraction(parts[i]);
            total += (long)partDays[i] * f.Numerator * (30 / f.Denominator);
            pieces.Add($"{f} of {partDays[i]}");
            if (only is null) only = f; else if (only != f) uniform = false;
        }
        var days = (int)((total + 29) / 30);
        var sum = 0;
        foreach (var d in partDays) sum += d;
        var description = uniform
            ? $"{only} of {sum} days is {days} days"
            : $"{string.Join(" plus ", pieces)} days is {days} days";
        return new CustodialPart(total, description);
    }
}
