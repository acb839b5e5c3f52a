using NodaTime;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Simulation;
using Xunit;

namespace ShortSentences.Journeys.Tests.Properties;

public class SimulatorTests
{
    private static SimulationOptions Options(ulong seed, LawBook? law = null, int threads = 0) =>
        new(400, seed, new LocalDate(2025, 1, 1), new LocalDate(2026, 12, 31), law ?? LawBook.EnglandAndWales, "as-in-force", Parallelism: threads);

    [Fact]
    public void The_same_seed_gives_the_same_report_whatever_the_number_of_threads()
    {
        var one = CohortSimulator.Run(Options(11, threads: 1)) with { WallSeconds = 0 };
        var two = CohortSimulator.Run(Options(11, threads: 2)) with { WallSeconds = 0 };
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(one), System.Text.Json.JsonSerializer.Serialize(two));
        var other = CohortSimulator.Run(Options(12)) with { WallSeconds = 0 };
        Assert.NotEqual(one.Transitions, other.Transitions);
    }

    [Fact]
    public void The_cohort_looks_like_the_inspected_one_and_the_law_in_force_ends_PSS()
    {
        var r = CohortSimulator.Run(Options(3) with { People = 2000 });
        Assert.InRange(r.Women / (double)r.People, 0.12, 0.18);
        Assert.InRange(r.NoFixedAbode / (double)r.People, 0.27, 0.35);
        Assert.InRange(r.PssDays.Max, 300, 365);
        Assert.True(r.Recalls > 0 && r.PssBreaches > 0 && r.OverdueTasks > 0 && r.ParkedEvents > 0 && r.DuplicatesIgnored > 0);
        Assert.True(r.EndedByPssRepeal > 0);
        Assert.Equal(0, r.RejectedEvents);

        var frozen = CohortSimulator.Run(Options(3, LawBook.EnglandAndWales.FrozenAt(new LocalDate(2025, 1, 1))) with { People = 2000 });
        Assert.Equal(0, frozen.EndedByPssRepeal);
        Assert.Empty(frozen.LawApplied);
    }
}
