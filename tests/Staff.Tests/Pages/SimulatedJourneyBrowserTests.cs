using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.Reminders;
using ShortSentences.Staff.Tests.Simulation;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Pages;

/// <summary>
/// The pages over journeys the journeys' own decider produced (a simulated Lewisham caseload up to the test's today),
/// with the reminders those journeys raised delivered through the pipeline: what the lead's reader over the runtime's
/// storage will show.
/// </summary>
public sealed class SimulatedJourneyBrowserTests : IAsyncLifetime
{
    private static readonly string Screenshots = HeadlessChromium.Screenshots;
    private static readonly LocalDate Today = new(2026, 3, 11);

    private StaffHost host = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        var year = PduYear.Run(40, seed: 5, Today.PlusDays(-300), Today.PlusDays(-1), "LDN-LEW", ["Priya Patel", "Tom Hughes"]);
        var journeys = year.Journeys.Select(j => JourneyProjection.Detail(j.State, j.History!)).ToList();
        Assert.Contains(journeys, j => j.Summary.OpenTasks.Any(t => DeadlinePolicy.IsOverdue(t.DueDate, Today))); // the scenario needs one
        host = await StaffHost.StartAsync(services: s => s.AddSingleton<ICaseloadReader>(new InMemoryCaseloadReader(journeys)), seedSampleReminders: false);
        var delivery = host.Services.GetRequiredService<ReminderDelivery>();
        foreach (var command in year.Commands.OrderBy(c => c.RaisedAt))
            await delivery.DeliverAsync(command);
        playwright = await Playwright.CreateAsync();
        browser = await HeadlessChromium.Launch(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task An_SPO_opens_an_overdue_simulated_journey_in_their_PDU_and_sees_why_each_deadline_was_set()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var assetProblems = new List<string>();
        page.Response += (_, r) => { if (r.Url.Contains("/assets/") && r.Status != 200) assetProblems.Add($"{r.Status} {r.Url}"); };
        page.RequestFailed += (_, r) => assetProblems.Add($"failed {r.Url} {r.Failure}");
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel("Grace Okafor").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Arrived(@"/staff/caseload$");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "08-simulated-caseload.png"), FullPage = true });
        Assert.Empty(assetProblems);

        await page.GetByLabel("Whole PDU").CheckAsync();
        await page.GetByLabel("Overdue", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.Arrived(@"[?&]overdue=yes");
        await page.Locator("#caseload tbody tr th a").First.ClickAsync();
        await page.Arrived(@"/staff/journeys/.+");

        var overdueRow = page.Locator("#open-tasks tbody tr").Filter(new() { HasText = "Overdue by" }).First;
        await Assertions.Expect(overdueRow).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await overdueRow.Locator("td").Nth(1).InnerTextAsync())); // the reason
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Sentence recorded");
        await Assertions.Expect(page.Locator("#key-dates")).ToContainTextAsync("Sentence and licence expiry date");
        // The timeline of a simulated journey is long: keep the top of the page, and the tasks and timeline start.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "09-simulated-journey.png") });
        await page.Locator("#timeline").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "10-simulated-journey-timeline.png") });
    }
}
