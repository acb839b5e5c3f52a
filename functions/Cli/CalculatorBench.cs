using System.Diagnostics;
using System.Text.Json;
using ShortSentences.Calculation;

namespace ShortSentences.Cli;

/// <summary>
/// `./journeys bench calculator [--seconds N] [--fixtures DIR]`: calculates every CRDS short-sentence booking over and
/// over on one thread and prints one JSON object with bookings per second (parsing is timed separately).
/// </summary>
public static class CalculatorBench
{
    public static int Run(string[] args)
    {
        var seconds = 3.0;
        string? folder = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0:
                    seconds = s; i++; break;
                case "--fixtures" when i + 1 < args.Length:
                    folder = args[++i]; break;
                default:
                    Console.Error.WriteLine("usage: journeys bench calculator [--seconds N] [--fixtures DIR]");
                    return 2;
            }
        }
        folder ??= FindFixtures();
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("journeys: CRDS fixtures not found (expected ../shared/fixtures/crds-short-sentences from the repository root; use --fixtures DIR)");
            return 2;
        }

        var inputs = Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "input.json")).Where(File.Exists).Select(File.ReadAllText).ToArray();
        var bookings = inputs.Select(CrdsInput.Parse).ToArray();

        // Warm up the JIT, then time whole passes over the set.
        for (var i = 0; i < 200; i++) foreach (var (b, o) in bookings) ReleaseDateCalculator.Calculate(b, o);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (passes, elapsed) = Time(seconds, () => { foreach (var (b, o) in bookings) ReleaseDateCalculator.Calculate(b, o); });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var (parsePasses, parseElapsed) = Time(Math.Max(0.5, seconds / 3), () => { foreach (var json in inputs) CrdsInput.Parse(json); });

        var calculations = (long)passes * bookings.Length;
        var result = new
        {
            bookings = bookings.Length,
            iterations = passes,
            calculations,
            seconds = Math.Round(elapsed.TotalSeconds, 3),
            bookingsPerSecond = Math.Round(calculations / elapsed.TotalSeconds),
            // On a shared machine wall time includes waiting for a core; CPU time (this process, GC included) does not.
            cpuSeconds = Math.Round(cpu.TotalSeconds, 3),
            bookingsPerCpuSecond = Math.Round(calculations / Math.Max(cpu.TotalSeconds, 1e-9)),
            microsecondsPerBooking = Math.Round(elapsed.TotalMilliseconds * 1000 / calculations, 2),
            parsedBookingsPerSecond = Math.Round((long)parsePasses * inputs.Length / parseElapsed.TotalSeconds),
            threads = 1,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static (int Passes, TimeSpan Elapsed) Time(double seconds, Action pass)
    {
        var budget = TimeSpan.FromSeconds(seconds);
        var watch = Stopwatch.StartNew();
        var passes = 0;
        while (watch.Elapsed < budget)
        {
            pass();
            passes++;
        }
        return (passes, watch.Elapsed);
    }

    /// <summary>From the working directory or the program's folder, up to the repository root (Serverless.sln).</summary>
    private static string? FindFixtures()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "crds-short-sentences"));
        }
        return null;
    }
}
