using NodaTime;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Tests;

/// <summary>Bookings built in code, as the journeys build them.</summary>
public static class Bookings
{
    public static readonly LocalDate Adult = new(1990, 1, 1);

    public static Sentence Sentence(LocalDate sentenced, Duration duration, LocalDate? offence = null, string id = "s1",
        string? consecutiveTo = null, Recall? recall = null) =>
        new(id, sentenced, offence ?? sentenced.PlusDays(-1), duration, consecutiveTo is null ? null : [consecutiveTo], recall);

    public static Booking Of(params Sentence[] sentences) => new(Adult, sentences, []);

    public static Booking With(this Booking booking, params Adjustment[] adjustments) =>
        booking with { Adjustments = [.. booking.Adjustments, .. adjustments] };

    public static Adjustment Remand(int days, LocalDate appliesFrom) => new(AdjustmentKind.Remand, days, appliesFrom);
    public static Adjustment TaggedBail(int days, LocalDate appliesFrom) => new(AdjustmentKind.TaggedBail, days, appliesFrom);
    public static Adjustment Ual(int days, LocalDate from) => new(AdjustmentKind.UnlawfullyAtLarge, days, from);
    public static Adjustment Ada(int days, LocalDate from) => new(AdjustmentKind.AdditionalDaysAwarded, days, from);
    public static Adjustment Rada(int days, LocalDate from) => new(AdjustmentKind.RestorationOfAdditionalDaysAwarded, days, from);

    /// <summary>Release at one half throughout (before SDS40), every toggle off.</summary>
    public static readonly CalculationOptions HalfRules = new(Legislation.Sds50, FeatureToggles.None);

    public static CalculationResult Calculate(this Booking booking, CalculationOptions? options = null) =>
        ReleaseDateCalculator.Calculate(booking, options ?? HalfRules);
}
