using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Calculation;

namespace ShortSentences.Calculation.Tests;

/// <summary>The CRDS short-sentence cases, found from the repository root as ../shared/fixtures/crds-short-sentences.</summary>
public static class CrdsFixtures
{
    public sealed record Case(string Name, string InputJson, IReadOnlyDictionary<ReleaseDateType, LocalDate> ExpectedDates, string ExpectedLength);

    public static string Folder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException($"could not find the repository root (a folder holding Serverless.sln) above {AppContext.BaseDirectory}");
        var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "crds-short-sentences"));
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"the CRDS fixtures are missing: expected them at {folder} (../shared/fixtures/crds-short-sentences from the repository root)");
        return folder;
    }

    public static IReadOnlyList<Case> All()
    {
        var cases = new List<Case>();
        foreach (var dir in Directory.GetDirectories(Folder()).OrderBy(d => d, StringComparer.Ordinal))
        {
            var input = File.ReadAllText(Path.Combine(dir, "input.json"));
            using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
            var dates = new Dictionary<ReleaseDateType, LocalDate>();
            foreach (var p in expected.RootElement.GetProperty("dates").EnumerateObject())
                dates[Enum.Parse<ReleaseDateType>(p.Name)] = LocalDatePattern.Iso.Parse(p.Value.GetString()!).Value;
            cases.Add(new Case(Path.GetFileName(dir), input, dates, expected.RootElement.GetProperty("effectiveSentenceLength").GetString()!));
        }
        return cases;
    }

    /// <summary>Runs one case; returns null when the whole dates map and the length match, else what differs.</summary>
    public static string? Compare(Case c)
    {
        CalculationResult result;
        try
        {
            var (booking, options) = CrdsInput.Parse(c.InputJson);
            result = ReleaseDateCalculator.Calculate(booking, options);
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        var diffs = new List<string>();
        foreach (var type in c.ExpectedDates.Keys.Union(result.Dates.Keys).OrderBy(t => t))
        {
            var hasE = c.ExpectedDates.TryGetValue(type, out var e);
            var hasA = result.Dates.TryGetValue(type, out var a);
            if (hasE && hasA && e == a) continue;
            diffs.Add($"{type} expected {(hasE ? e.ToString("yyyy-MM-dd", null) : "none")} got {(hasA ? a.ToString("yyyy-MM-dd", null) : "none")}");
        }
        var length = PeriodPattern.NormalizingIso.Format(result.EffectiveSentenceLength);
        if (length != c.ExpectedLength) diffs.Add($"effectiveSentenceLength expected {c.ExpectedLength} got {length}");
        return diffs.Count == 0 ? null : string.Join("; ", diffs);
    }
}
