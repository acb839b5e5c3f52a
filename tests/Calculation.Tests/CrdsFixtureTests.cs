using Xunit;
using Xunit.Abstractions;

namespace ShortSentences.Calculation.Tests;

public sealed class CrdsFixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_CRDS_short_sentence_case_gives_exactly_the_dates_and_effective_sentence_length_CRDS_gives()
    {
        var cases = CrdsFixtures.All();
        Assert.Equal(180, cases.Count);
        var mismatches = new List<string>();
        foreach (var c in cases)
            if (CrdsFixtures.Compare(c) is { } diff) mismatches.Add($"{c.Name}: {diff}");

        var matched = cases.Count - mismatches.Count;
        output.WriteLine($"CRDS short-sentence cases: {matched}/{cases.Count} match");
        foreach (var m in mismatches) output.WriteLine("  MISMATCH " + m);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "crds-fixture-report.txt"),
            [$"{matched}/{cases.Count} match", .. mismatches]);
        Assert.True(mismatches.Count == 0, $"only {matched}/{cases.Count} CRDS cases match:\n" + string.Join("\n", mismatches));
    }
}
