using NodaTime;
using ShortSentences.Journeys.Stages;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.Pages;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Simulation;

public sealed class JourneyProjectionTests
{
    private static readonly LocalDate Today = new(2026, 3, 11);

    private static IReadOnlyList<JourneyDetail> Projected() =>
        PduYear.Run(60, seed: 11, new LocalDate(2025, 6, 1), Today, "LDN-LEW", ["Priya Patel", "Tom Hughes"])
            .Journeys.Select(j => JourneyProjection.Detail(j.State, j.History!)).ToList();

    [Fact]
    public void A_journey_s_page_view_comes_from_its_own_state_and_history_with_a_reason_for_every_deadline_and_line()
    {
        var journeys = Projected();
        var onLicence = journeys.First(j => j.Summary.Stage == Stage.Licence && j.Summary.OpenTasks.Count > 0);

        Assert.Equal("LDN-LEW", onLicence.Summary.Pdu);
        Assert.Contains(onLicence.Summary.ComId, new[] { "Priya Patel", "Tom Hughes" });
        Assert.All(onLicence.Summary.OpenTasks, t => Assert.False(string.IsNullOrWhiteSpace(t.Reason)));
        Assert.Contains(onLicence.KeyDates, d => d.Code is "CRD" or "ARD");
        Assert.Contains(onLicence.KeyDates, d => d.Code == "SLED" && d.Explanation.Contains("sentence", StringComparison.Ordinal));
        Assert.Equal("Sentence recorded", onLicence.History[0].What);
        Assert.Contains(onLicence.History, h => h.What.StartsWith("Released", StringComparison.Ordinal));
        Assert.Contains(onLicence.History, h => h.What.StartsWith("Deadline set: ", StringComparison.Ordinal) && h.Why.Length > 0);
    }

    [Fact]
    public void Every_projected_journey_renders_as_a_page()
    {
        var directory = Samples.Directory();
        var viewer = directory.Find("com-patel")!;
        foreach (var journey in Projected())
        {
            var html = JourneyPage.Render(new JourneyPage.Model(viewer, journey, [], Today, directory, LocalMode: true)).Value;

            Assert.Contains($"CRN {journey.Summary.Crn}", html);
            Assert.Contains("moj-timeline__item", html);
        }
    }
}
