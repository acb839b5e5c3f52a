using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Calculation;
using ShortSentences.Calculation.Law;
using ShortSentences.Journeys.Law;

namespace ShortSentences.Cli;

/// <summary>
/// `./journeys calculate FILE [--as-of DATE | --law-in-force]`: reads a CRDS-format booking (input.json) and prints its
/// release dates as JSON: {"dates": {TYPE: "yyyy-mm-dd"}, "effectiveSentenceLength": "P..", "explanations": {TYPE: "..."},
/// "profile": NAME, "toggles": {...}, "warnings": [...]}. The booking is read exactly as CRDS reads it (no `params` is
/// CRDS's production profile with its toggles off, so CRDS's fixtures keep their meaning), and the output always names
/// the profile and toggles used, and warns about a date given under a rule no longer in force today, because a newcomer
/// checking a booking would otherwise take a PSS or HDC date for one that still exists. `--as-of DATE` (or
/// `--law-in-force`, today) calculates under the law in force on that day, as the journeys do.
/// Bad input exits with code 2 and one line on stderr naming the field.
/// </summary>
public static class CalculateCommand
{
    private const string Usage = "usage: journeys calculate FILE [--as-of YYYY-MM-DD | --law-in-force] (a CRDS input.json; '-' is not supported, give a path)";

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, TimeProvider.System);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, TimeProvider.System);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        // The CLI is not domain code: "today" is the London day of the clock it is given.
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date;
        LocalDate? asOf = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--law-in-force") asOf = today;
            else if (args[i] == "--as-of")
            {
                if (i + 1 >= args.Length || LocalDatePattern.Iso.Parse(args[i + 1]) is not { Success: true } parsed)
                {
                    stderr.WriteLine($"journeys: --as-of needs a date (YYYY-MM-DD). {Usage}");
                    return 2;
                }
                asOf = parsed.Value;
                i++;
            }
            else rest.Add(args[i]);
        }
        if (rest.Count != 1 || rest[0].StartsWith('-'))
        {
            stderr.WriteLine(Usage);
            return 2;
        }
        args = [rest[0]];
        string json;
        try
        {
            json = File.ReadAllText(args[0], Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"journeys: cannot read {args[0]}: {e.Message}");
            return 2;
        }

        CalculationResult result;
        CalculationOptions options;
        try
        {
            (var booking, options) = CrdsInput.Parse(json);
            if (asOf is { } day) options = new CalculationOptions(Legislation.AsInForce(day), FeatureToggles.None, options.CalculateErsed);
            result = ReleaseDateCalculator.Calculate(booking, options);
            // As the journeys do: once adult HDC has ended, no HDC eligibility date (LawBook owns the rule).
            if (asOf is { } d && LawBook.EnglandAndWales.HdcEndedOn(d) && result.Dates.ContainsKey(ReleaseDateType.HDCED))
                result = result with
                {
                    Dates = result.Dates.Where(p => p.Key != ReleaseDateType.HDCED).ToDictionary(),
                    Explanations = result.Explanations.Where(p => p.Key != ReleaseDateType.HDCED).ToDictionary(),
                };
        }
        catch (BookingFormatException e)
        {
            stderr.WriteLine($"journeys: bad input in {args[0]}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
        {
            // Dates pushed outside the calendar by absurd adjustments end up here: still one line, no stack trace.
            stderr.WriteLine($"journeys: cannot calculate {args[0]}: {e.Message}");
            return 2;
        }
        catch (Exception e)
        {
            // A fault in the calculator itself: say so in one line rather than show a stack trace.
            stderr.WriteLine($"journeys: internal error calculating {args[0]} ({e.GetType().Name}: {e.Message}); please report it with the file");
            return 1;
        }
        stdout.WriteLine(ToJson(result, options, Warnings(result, today)));
        return 0;
    }

    /// <summary>Dates given under a rule no longer in force today, in words.</summary>
    public static IReadOnlyList<string> Warnings(CalculationResult result, LocalDate today)
    {
        var warnings = new List<string>();
        string Words(LocalDate d) => d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        if (result.Dates.TryGetValue(ReleaseDateType.TUSED, out var tused) && LegislationDates.PssRepeal <= today)
            warnings.Add($"TUSED {Words(tused)} is post-sentence supervision, repealed on {Words(LegislationDates.PssRepeal)}: no PSS is served today. Use --law-in-force for the dates under today's law.");
        if (result.Dates.TryGetValue(ReleaseDateType.HDCED, out var hdced) && LegislationDates.AdultHdcRepeal <= today)
            warnings.Add($"HDCED {Words(hdced)} is home detention curfew eligibility; adult HDC ended on {Words(LegislationDates.AdultHdcRepeal)}. Use --law-in-force for the dates under today's law.");
        return warnings;
    }

    public static string ToJson(CalculationResult result) => ToJson(result, null, []);

    /// <summary>Keys in a stable order: date types in their enum order, then the length, explanations, profile, toggles, warnings.</summary>
    public static string ToJson(CalculationResult result, CalculationOptions? options, IReadOnlyList<string> warnings)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("dates");
            foreach (var type in Enum.GetValues<ReleaseDateType>())
                if (result.Dates.TryGetValue(type, out var d))
                    w.WriteString(type.ToString(), LocalDatePattern.Iso.Format(d));
            w.WriteEndObject();
            w.WriteString("effectiveSentenceLength", PeriodPattern.NormalizingIso.Format(result.EffectiveSentenceLength));
            w.WriteStartObject("explanations");
            foreach (var type in Enum.GetValues<ReleaseDateType>())
                if (result.Explanations.TryGetValue(type, out var e))
                    w.WriteString(type.ToString(), e);
            w.WriteEndObject();
            if (options is not null)
            {
                w.WriteString("profile", options.Profile.Name);
                w.WriteStartObject("toggles");
                w.WriteBoolean("applyPssRepeal", options.Toggles.ApplyPssRepeal);
                w.WriteEndObject();
                w.WriteStartArray("warnings");
                foreach (var warning in warnings) w.WriteStringValue(warning);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
