using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime.Text;
using ShortSentences.Calculation;

namespace ShortSentences.Cli;

/// <summary>
/// `./journeys calculate FILE`: reads a CRDS-format booking (input.json) and prints its release dates as JSON:
/// {"dates": {TYPE: "yyyy-mm-dd"}, "effectiveSentenceLength": "P..", "explanations": {TYPE: "..."}}.
/// Bad input exits with code 2 and one line on stderr naming the field.
/// </summary>
public static class CalculateCommand
{
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            stderr.WriteLine("usage: journeys calculate FILE (a CRDS input.json; '-' is not supported, give a path)");
            return 2;
        }
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
        try
        {
            var (booking, options) = CrdsInput.Parse(json);
            result = ReleaseDateCalculator.Calculate(booking, options);
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
        stdout.WriteLine(ToJson(result));
        return 0;
    }

    /// <summary>Keys in a stable order: date types in their enum order, then the length, then explanations.</summary>
    public static string ToJson(CalculationResult result)
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
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
