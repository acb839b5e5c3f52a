using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Simulation;

namespace ShortSentences.Cli;

/// <summary>
/// `./journeys simulate --people N --seed S --from DATE --to DATE [--law as-in-force|frozen:DATE] [--policy FILE] --out FILE`:
/// drives a synthetic cohort through the journeys with a virtual clock and writes a JSON report.
/// </summary>
public static class SimulateCommand
{
    private const string Usage = "usage: journeys simulate --people N --seed S --from YYYY-MM-DD --to YYYY-MM-DD [--law as-in-force|frozen:YYYY-MM-DD] [--policy FILE] [--threads N] --out FILE";

    public static int Run(string[] args)
    {
        try
        {
            var o = Parse(args, out var outFile);
            var report = CohortSimulator.Run(o);
            var json = JsonSerializer.Serialize(report, new JsonSerializerOptions(JourneyJson.Options) { WriteIndented = true });
            File.WriteAllText(outFile, json + Environment.NewLine);
            Console.Error.WriteLine($"journeys: {report.People} people, {report.Journeys} journeys, {report.Transitions} transitions in {report.WallSeconds} s -> {outFile}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"journeys simulate: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private static SimulationOptions Parse(string[] args, out string outFile)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            map[args[i][2..]] = args[++i];
        }
        foreach (var key in map.Keys)
            if (key is not ("people" or "seed" or "from" or "to" or "law" or "out" or "policy" or "threads"))
                throw new ArgumentException($"unknown option --{key}");
        string Need(string key) => map.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");
        var people = int.TryParse(Need("people"), out var n) && n >= 0 ? n : throw new ArgumentException("--people must be a whole number, 0 or more");
        var seed = ulong.TryParse(Need("seed"), out var s) ? s : throw new ArgumentException("--seed must be a whole number, 0 or more");
        var from = Date(Need("from"), "--from");
        var to = Date(Need("to"), "--to");
        if (to < from) throw new ArgumentException("--to must not be before --from");
        outFile = Need("out");
        var lawText = map.GetValueOrDefault("law", "as-in-force");
        var law = lawText == "as-in-force" ? LawBook.EnglandAndWales
            : lawText.StartsWith("frozen:", StringComparison.Ordinal) ? LawBook.EnglandAndWales.FrozenAt(Date(lawText[7..], "--law frozen:"))
            : throw new ArgumentException("--law must be as-in-force or frozen:YYYY-MM-DD");
        var policy = map.TryGetValue("policy", out var file) ? DeadlinesPolicy.FromJson(File.ReadAllText(file)) : null;
        var threads = map.TryGetValue("threads", out var t) && int.TryParse(t, out var th) && th > 0 ? th : 0;
        return new SimulationOptions(people, seed, from, to, law, lawText, policy, threads);
    }

    private static LocalDate Date(string text, string option)
    {
        var r = LocalDatePattern.Iso.Parse(text);
        return r.Success ? r.Value : throw new ArgumentException($"{option} '{text}' is not a date (YYYY-MM-DD)");
    }
}
