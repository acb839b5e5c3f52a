using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Prisons;
using ShortSentences.Journeys.Stages;
using ShortSentences.Journeys.Tests.Scenarios;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Prisons;

/// <summary>Issue 12, finding 9: prisons by name with their region from a directory, "unknown" when not known.</summary>
public class PrisonDirectoryTests
{
    private static readonly string[] ProbationRegions =
    [
        "North East", "North West", "Yorkshire and the Humber", "Greater Manchester", "East Midlands", "West Midlands",
        "East of England", "Wales", "South West", "South Central", "London", "Kent Surrey and Sussex",
    ];

    [Theory]
    [InlineData("LWI", "HMP Lewes", "Kent Surrey and Sussex")]
    [InlineData("DWI", "HMP Downview", "Kent Surrey and Sussex")]
    [InlineData("DRI", "HMP Dorchester", "South West")]
    [InlineData("DMI", "HMP Durham", "North East")]
    [InlineData("STI", "HMP Styal", "North West")]
    [InlineData("HMI", "HMP Humber", "Yorkshire and the Humber")]
    [InlineData("PVI", "HMP Pentonville", "London")]
    public void The_prisons_the_samples_and_tests_use_are_known_by_code_and_by_name(string code, string name, string region)
    {
        var prison = PrisonDirectory.EnglandAndWales.Find(code);
        Assert.Equal(new Prison(code, name, region), prison);
        Assert.Equal(prison, PrisonDirectory.EnglandAndWales.Find(name));
        Assert.Equal(prison, PrisonDirectory.EnglandAndWales.Find(code.ToLowerInvariant()));
    }

    [Fact]
    public void Every_prison_in_the_directory_lies_in_one_of_the_twelve_probation_regions()
    {
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "functions/Journeys/Prisons/prisons.json")));
        var prisons = json.RootElement.GetProperty("prisons").EnumerateArray().ToList();
        Assert.True(prisons.Count >= 50);
        Assert.Equal(prisons.Count, prisons.Select(p => p.GetProperty("code").GetString()).Distinct().Count());
        Assert.Equal(prisons.Count, PrisonDirectory.EnglandAndWales.Count);
        Assert.All(prisons, p => Assert.Contains(p.GetProperty("region").GetString(), ProbationRegions));
    }

    [Fact]
    public void A_prison_not_in_the_directory_is_unknown_and_the_region_comparison_ignores_commas_and_case()
    {
        Assert.Null(PrisonDirectory.EnglandAndWales.Find("XYZ"));
        Assert.Null(PrisonDirectory.EnglandAndWales.Find(""));
        Assert.True(PrisonDirectory.SameRegion("Kent, Surrey and Sussex", "kent surrey and  sussex"));
        Assert.False(PrisonDirectory.SameRegion("London", "South West"));
        Assert.Throws<FormatException>(() => PrisonDirectory.FromJson("""{"prisons":[{"code":"LWI","name":"HMP Lewes"}]}"""));
    }

    [Fact]
    public void Received_by_code_alone_into_a_prison_outside_the_home_region_the_journey_names_it_and_knows_it_is_out_of_area()
    {
        // Prison events carry only the code: on main this read "held out of area at LWI (, home region London)", or
        // nothing at all, since no region came with the event.
        var s = new Scenario();
        s.On("2026-11-16", s.Sentence("2026-11-16", months: 12, region: "London"));
        s.On("2026-11-16", new ReceivedIntoCustody(D("2026-11-16"), "LWI", ""));
        Assert.True(s.State.HeldOutOfArea);
        var reception = Assert.Single(s.Facts<CustodyReception>());
        Assert.Equal(("LWI", "HMP Lewes", "Kent Surrey and Sussex"), (reception.Prison, reception.PrisonName, reception.PrisonRegion));
        Assert.Contains(s.Facts<Noted>(), n => n.What.StartsWith("held out of area at HMP Lewes (LWI), in Kent Surrey and Sussex, home region London"));
        Assert.Contains(s.Facts<StageChanged>(), c => c.To == Stage.InCustody && c.Reason.StartsWith("received into HMP Lewes (LWI)"));
    }

    [Fact]
    public void Received_into_a_prison_in_the_home_region_the_person_is_not_out_of_area()
    {
        var s = new Scenario();
        s.On("2026-11-16", s.Sentence("2026-11-16", months: 6, region: "North East"));
        s.On("2026-11-16", new ReceivedIntoCustody(D("2026-11-16"), "DMI", ""));
        Assert.False(s.State.HeldOutOfArea);
        Assert.Equal("HMP Durham", Assert.Single(s.Facts<CustodyReception>()).PrisonName);
        Assert.DoesNotContain(s.Facts<Noted>(), n => n.What.Contains("out of area"));
    }

    [Fact]
    public void Received_into_a_prison_no_one_knows_the_journey_says_unknown_and_leaves_no_blank()
    {
        var s = new Scenario();
        s.On("2026-11-16", s.Sentence("2026-11-16", months: 12, region: "London"));
        s.On("2026-11-16", new ReceivedIntoCustody(D("2026-11-16"), "XYZ", ""));
        var reception = Assert.Single(s.Facts<CustodyReception>());
        Assert.Equal(("unknown", "unknown"), (reception.PrisonName, reception.PrisonRegion));
        Assert.False(s.State.HeldOutOfArea);
        Assert.Contains(s.Facts<StageChanged>(), c => c.Reason.StartsWith("received into prison XYZ (name unknown)"));
        Assert.DoesNotContain(s.History.OfType<Noted>(), n => n.What.Contains("(,") || n.What.Contains(", ,"));

        // With the region from the feed, an unknown prison is still judged against the home region.
        var t = new Scenario(crn: "X777520");
        t.On("2026-11-16", t.Sentence("2026-11-16", months: 6, region: "London"));
        t.On("2026-11-16", new ReceivedIntoCustody(D("2026-11-16"), "XYZ", "Wales"));
        Assert.True(t.State.HeldOutOfArea);
        Assert.Contains(t.Facts<Noted>(), n => n.What.StartsWith("held out of area at prison XYZ (name unknown), in Wales, home region London"));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
