namespace ShortSentences.Calculation.Law;

/// <summary>A release point as an exact fraction of the sentence, so that "one third of 182 days" has no rounding error.</summary>
public readonly record struct Fraction(int Numerator, int Denominator)
{
    public static readonly Fraction OneThird = new(1, 3);
    public static readonly Fraction FortyPercent = new(2, 5);
    public static readonly Fraction OneHalf = new(1, 2);
    public static readonly Fraction TwoThirds = new(2, 3);
    public static readonly Fraction Whole = new(1, 1);

    /// <summary>Days to serve: the fraction of the sentence, rounded up to a whole day.</summary>
    public int CeilingOf(int days) => (int)(((long)days * Numerator + Denominator - 1) / Denominator);

    public override string ToString() => (Numerator, Denominator) switch
    {
        (1, 3) => "one third",
        (2, 5) => "40%",
        (1, 2) => "one half",
        (2, 3) => "two thirds",
        (3, 10) => "30%",
        (1, 1) => "the whole",
        _ => $"{Numerator}/{Denominator}",
    };
}
