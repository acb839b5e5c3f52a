using Microsoft.Playwright;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Pages;

/// <summary>One app and one Chromium for the browser tests; each test gets its own browser context (own cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public StaffHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright playwright = null!;

    public async Task InitializeAsync()
    {
        Host = await StaffHost.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.Launch(playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>
/// The pages in Debian's headless Chromium, driven by Playwright. Each step saves a screenshot under
/// artifacts/screenshots in the test output folder.
/// </summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = HeadlessChromium.Screenshots;

    private async Task<IPage> NewPage()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static async Task SignIn(IPage page, string name)
    {
        await page.GotoAsync("/staff/caseload");
        await page.GetByLabel(name).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Arrived(@"/staff/caseload$");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_practitioner_signs_in_filters_to_overdue_opens_the_journey_and_sees_the_overdue_task_and_its_reason()
    {
        var page = await NewPage();

        await page.GotoAsync("/staff/caseload");
        Assert.EndsWith("/staff/sign-in", page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in for local development");
        await Shot(page, "01-sign-in");

        await page.GetByLabel("Priya Patel").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Arrived(@"/staff/caseload$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your caseload");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Showing 2 of 2 cases" });
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Shot(page, "02-caseload");

        await page.GetByLabel("Overdue", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.Arrived(@"/staff/caseload\?.*overdue=yes");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Showing 1 of 2 cases" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kelly Aston" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Overdue", new() { Exact = true })).ToBeCheckedAsync();
        await Shot(page, "03-caseload-overdue");

        await page.GetByRole(AriaRole.Link, new() { Name = "Daniel Reeve" }).ClickAsync();
        await page.Arrived(@"/staff/journeys/J-X777519-S1$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Daniel Reeve");
        var homeVisit = page.GetByRole(AriaRole.Table, new() { Name = "Open tasks, with the reason for each deadline" })
            .GetByRole(AriaRole.Row).Filter(new() { HasText = "Home visit" });
        await Assertions.Expect(homeVisit).ToContainTextAsync("Overdue by 6 days");
        await Assertions.Expect(homeVisit).ToContainTextAsync("5 March 2026");
        await Assertions.Expect(homeVisit).ToContainTextAsync("A home visit within 2 weeks of release");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Key dates and how each was worked out" }))
            .ToContainTextAsync("Released at 40% (SDS40)");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Released on licence" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Reminders about this journey" }))
            .ToContainTextAsync("Overdue: Home visit");
        await Shot(page, "04-journey");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reminders sent" }).ClickAsync();
        await page.Arrived(@"/staff/reminders$");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "E-mails kept by the local sink" }))
            .ToContainTextAsync("J-X777519-S1/home-visit/overdue");
        await Shot(page, "05-reminders");
    }

    [Fact]
    public async Task An_SPO_filters_the_whole_PDU_by_stage_and_a_practitioner_is_stopped_at_another_PDU_s_journey()
    {
        var spo = await NewPage();
        await SignIn(spo, "Grace Okafor");
        await spo.GetByLabel("Whole PDU").CheckAsync();
        await spo.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Sentenced" });
        await spo.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await spo.Arrived(@"/staff/caseload\?.*stage=Sentenced");
        var row = spo.GetByRole(AriaRole.Row).Filter(new() { HasText = "Marcus Bell" });
        await Assertions.Expect(row).ToContainTextAsync("Not allocated");
        await Assertions.Expect(row).ToContainTextAsync("Overdue by 2 days");
        await Shot(spo, "06-spo-pdu-sentenced");

        var practitioner = await NewPage();
        await SignIn(practitioner, "Priya Patel");
        var response = await practitioner.GotoAsync("/staff/journeys/J-X334455-S1");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(practitioner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You cannot see this page");
        await Assertions.Expect(practitioner.GetByText("Ryan")).ToHaveCountAsync(0);
        await Shot(practitioner, "07-other-pdu-refused");
    }

    [Fact]
    public async Task The_caseload_works_from_the_keyboard_starting_with_the_skip_link()
    {
        var page = await NewPage();
        await SignIn(page, "Priya Patel");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to main content");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByLabel("Due this week").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Arrived(@"[?&]due=week");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Showing 2 of 2 cases" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kelly Aston" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Arrived(@"/staff/journeys/J-X612044-S1$");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kelly Aston");
    }
}
