using System.Text.Json;
using ShortSentences.Cli;
using Xunit;

namespace ShortSentences.Calculation.Tests.Cli;

/// <summary>
/// Issue 12, finding 8: `journeys calculate` says which profile and toggles it used, warns about dates under rules no
/// longer in force, and `--as-of` calculates under the law in force that day, as the journeys do.
/// </summary>
public sealed class CalculateLawInForceTests : IDisposable
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly TimeProvider December2026 = new FixedClock(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private const string SixMonths = """
        {"booking": {"offender": {"dateOfBirth": "1990-01-01"}, "sentences": [{"type": "StandardSentence",
          "offence": {"committedAt": "2025-12-01"}, "duration": {"durationElements": {"MONTHS": 6}}, "sentencedAt": "2026-01-05"}]}}
        """;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"calc-{Guid.NewGuid():N}.json");

    public CalculateLawInForceTests() => File.WriteAllText(_path, SixMonths);

    public void Dispose() => File.Delete(_path);

    private static JsonElement Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, CalculateCommand.Run(args, stdout, stderr, December2026));
        return JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
    }

    [Fact]
    public void A_booking_without_params_names_CRDS_production_profile_and_warns_about_PSS_and_HDC_dates_no_longer_in_force()
    {
        var json = Run(_path);
        Assert.Equal("calculation-params", json.GetProperty("profile").GetString());
        Assert.False(json.GetProperty("toggles").GetProperty("applyPssRepeal").GetBoolean());
        Assert.True(json.GetProperty("dates").TryGetProperty("TUSED", out _));
        var warnings = json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.StartsWith("TUSED") && w.Contains("repealed on 8 May 2026"));
        Assert.Contains(warnings, w => w.StartsWith("HDCED") && w.Contains("adult HDC ended on 2 September 2026"));
    }

    [Fact]
    public void With_the_law_in_force_the_booking_gets_the_journeys_dates_and_no_warning()
    {
        var json = Run(_path, "--law-in-force");
        Assert.Equal("as-in-force-2026-12-01", json.GetProperty("profile").GetString());
        var dates = json.GetProperty("dates");
        Assert.False(dates.TryGetProperty("TUSED", out _));
        Assert.False(dates.TryGetProperty("HDCED", out _));
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());

        var journeys = new ShortSentences.Journeys.Law.CalculatorKeyDates(ShortSentences.Journeys.Law.LawBook.EnglandAndWales)
            .Calculate(new(new NodaTime.LocalDate(2026, 1, 5), 6, 0, new NodaTime.LocalDate(2025, 12, 1), DateOfBirth: new NodaTime.LocalDate(1990, 1, 1)), new NodaTime.LocalDate(2026, 12, 1));
        Assert.Equal(journeys.Crd.ToString("yyyy-MM-dd", null), dates.GetProperty("CRD").GetString());
        Assert.Equal(Run(_path, "--as-of", "2026-12-01").GetProperty("dates").ToString(), dates.ToString());
    }

    [Fact]
    public void A_bad_as_of_date_exits_2_naming_the_option()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CalculateCommand.Run([_path, "--as-of", "2026-13-01"], new StringWriter(), stderr, December2026));
        Assert.Contains("--as-of", stderr.ToString());
    }
}
