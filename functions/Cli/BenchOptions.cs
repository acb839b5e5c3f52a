using System.Globalization;

namespace ShortSentences.Cli;

/// <summary>The benchmarks' numeric options: a positive whole number, or a clear error naming the option.</summary>
internal static class BenchOptions
{
    public static int Positive(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return fallback;
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) || n < 1)
            throw new ArgumentException($"{name} needs a positive whole number");
        return n;
    }
}
