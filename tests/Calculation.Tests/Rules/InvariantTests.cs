using NodaTime;
using ShortSentences.Calculation.Law;
using Xunit;

namespace ShortSentences.Calculation.Tests.Rules;

/// <summary>Properties every calculation must keep, over many generated bookings (seeded, so a failure repeats).</summary>
public sealed class InvariantTests
{
    private static readonly RuleProfile[] Profiles = [Legislation.Sds50, Legislation.CalculationParams, Legislation.ProgressionModelOctober];

    private static Booking RandomBooking(Random random)
    {
        var count = random.Next(1, 4);
        var sentences = new List<Sentence>();
        var start = new LocalDate(2012, 1, 1).PlusDays(random.Next(0, 365 * 15));
        for (var i = 0; i < count; i++)
        {
            var duration = random.Next(4) switch
            {
                0 => Duration.OfDays(random.Next(1, 400)),
                1 => Duration.OfWeeks(random.Next(1, 80)),
                2 => Duration.OfMonths(random.Next(1, 24)),
                _ => new Duration(Years: random.Next(0, 2), Months: random.Next(0, 12), Days: random.Next(1, 20)),
            };
            var sentenced = start.PlusDays(random.Next(0, 60));
            var offence = sentenced.PlusDays(-random.Next(1, 2000));
            string? consecutiveTo = i > 0 && random.Next(3) == 0 ? $"s{i}" : null;
            Recall? recall = random.Next(6) == 0
                ? new Recall(random.Next(2) == 0 ? RecallType.Standard : RecallType.FixedTerm28, ReturnToCustodyDate: sentenced.PlusDays(random.Next(20, 200)))
                : null;
            sentences.Add(new Sentence($"s{i + 1}", sentenced, offence, duration, consecutiveTo is null ? null : [consecutiveTo], recall));
        }
        var adjustments = new List<Adjustment>();
        foreach (var kind in Enum.GetValues<AdjustmentKind>())
            if (random.Next(4) == 0)
                adjustments.Add(new Adjustment(kind, random.Next(1, 120), start.PlusDays(random.Next(0, 90))));
        return new Booking(new LocalDate(1960, 1, 1).PlusDays(random.Next(0, 365 * 50)), sentences, adjustments);
    }

    [Fact]
    public void Release_never_precedes_sentence_nor_follows_expiry_and_curfew_and_supervision_fall_either_side_of_release()
    {
        var random = new Random(20261122);
        for (var n = 0; n < 3000; n++)
        {
            var booking = RandomBooking(random);
            var options = new CalculationOptions(Profiles[n % 3], new FeatureToggles(n % 5 == 0), CalculateErsed: n % 4 == 0);
            var r = ReleaseDateCalculator.Calculate(booking, options);
            var d = r.Dates;
            var earliest = booking.Sentences.Min(s => s.SentencedAt);
            var context = $"case {n}: {string.Join(", ", d.Select(x => $"{x.Key} {x.Value:yyyy-MM-dd}"))} for "
                          + string.Join("; ", booking.Sentences.Select(x => $"{x.Id} {x.SentencedAt:yyyy-MM-dd} {x.Duration} offence {x.OffenceCommittedAt:yyyy-MM-dd} after {x.ConsecutiveTo?[0]} recall {x.Recall}"))
                          + " adj " + string.Join("; ", booking.Adjustments.Select(a => $"{a.Kind} {a.Days} {a.AppliesToSentencesFrom:yyyy-MM-dd}")) + $" profile {options.Profile.Name}";

            Assert.True(d.ContainsKey(ReleaseDateType.ESED), context);
            Assert.True(d.ContainsKey(ReleaseDateType.SLED) || d.ContainsKey(ReleaseDateType.SED), context);
            var expiry = d.TryGetValue(ReleaseDateType.SLED, out var sled) ? sled : d[ReleaseDateType.SED];
            var hasRelease = d.TryGetValue(ReleaseDateType.CRD, out var release) || d.TryGetValue(ReleaseDateType.ARD, out release)
                             || d.TryGetValue(ReleaseDateType.PRRD, out release);
            Assert.True(hasRelease, context);
            Assert.False(d.ContainsKey(ReleaseDateType.CRD) && d.ContainsKey(ReleaseDateType.ARD), context);
            Assert.True(release >= earliest, context);
            Assert.True(release <= expiry, context);
            if (d.TryGetValue(ReleaseDateType.HDCED, out var hdced)) Assert.True(hdced < release && hdced >= earliest, context);
            if (d.TryGetValue(ReleaseDateType.TUSED, out var tused)) Assert.True(tused > release, context);
            if (d.TryGetValue(ReleaseDateType.LED, out var led)) Assert.True(led <= expiry, context);
            if (options.Toggles.ApplyPssRepeal) Assert.False(d.ContainsKey(ReleaseDateType.TUSED), context);
            if (!options.CalculateErsed) Assert.False(d.ContainsKey(ReleaseDateType.ERSED), context);
            Assert.Equal(d.Keys.OrderBy(k => k), r.Explanations.Keys.OrderBy(k => k));
            foreach (var (type, date) in d)
                Assert.StartsWith($"{type} {date:yyyy-MM-dd}: ", r.Explanations[type]);
        }
    }
}
