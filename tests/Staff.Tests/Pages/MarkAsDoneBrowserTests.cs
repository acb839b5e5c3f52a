using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Staff.Actions;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Pages;

/// <summary>
/// "Mark as done" on the journey page, in headless Chromium, over journeys run by the decider: a COM closes an overdue
/// task and sees it leave the open tasks and the caseload's overdue count; staff of another PDU are refused (403);
/// a form without its anti-forgery token is refused.
/// </summary>
public sealed class MarkAsDoneBrowserTests : IAsyncLifetime
{
    private static readonly string Screenshots = HeadlessChromium.Screenshots;
    private static readonly LocalDate Today = new(2026, 3, 11);

    private StaffHost host = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private DeciderJourneys journeys = null!;
    private string lewisham = null!, southwark = null!;

    public async Task InitializeAsync()
    {
        journeys = new DeciderJourneys(new FixedClock(StaffHost.Wednesday));
        // Sentenced on 2 March, allocated to Priya Patel, received on 3 March: screening part 1 was due on 6 March.
        lewisham = journeys.Add("X100001", "LDN-LEW", new LocalDate(2026, 3, 2),
            (new LocalDate(2026, 3, 3), new ComAllocated("Priya Patel", "LDN-LEW")),
            (new LocalDate(2026, 3, 3), new ReceivedIntoCustody(new LocalDate(2026, 3, 3), "HMP Pentonville", "London")));
        southwark = journeys.Add("X100002", "LDN-SWK", new LocalDate(2026, 3, 2),
            (new LocalDate(2026, 3, 3), new ComAllocated("Aoife Murphy", "LDN-SWK")));
        host = await StaffHost.StartAsync(services: s =>
        {
            s.AddSingleton<ICaseloadReader>(journeys);
            s.AddSingleton<IJourneyActions>(journeys);
        }, seedSampleReminders: false);
        playwright = await Playwright.CreateAsync();
        browser = await HeadlessChromium.Launch(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
    }

    private async Task<IPage> SignedIn(string name)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/staff/sign-in");
        await page.GetByLabel(name).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Arrived(@"/staff/caseload$");
        return page;
    }

    [Fact]
    public async Task A_COM_marks_an_overdue_task_done_and_sees_it_leave_the_open_tasks_and_the_caseload_overdue_count()
    {
        var page = await SignedIn("Priya Patel");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 case shown has an overdue task.");
        await page.Locator("#caseload tbody tr th a").First.ClickAsync();
        await page.Arrived(@"/staff/journeys/J-X100001-S1$");

        var overdue = page.Locator("#open-tasks tbody tr").Filter(new() { HasText = "Overdue by" });
        await Assertions.Expect(overdue).ToHaveCountAsync(1);
        var title = await overdue.Locator("th").InnerTextAsync();
        await overdue.GetByText("Mark as done").First.ClickAsync();
        await overdue.GetByLabel("Note (optional)").FillAsync("BCST part 1 done with the prison's pre-release team");
        await Assertions.Expect(overdue.GetByLabel("Day")).ToHaveValueAsync("11");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "11-mark-as-done-form.png"), FullPage = true });
        await overdue.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();

        await page.Arrived(@"/staff/journeys/J-X100001-S1\?done=");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Task marked as done");
        await Assertions.Expect(page.Locator("#open-tasks tbody tr").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#open-tasks tbody tr").Filter(new() { HasText = "Overdue by" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("com-patel");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "12-mark-as-done-result.png"), FullPage = true });
        var done = Assert.Single(journeys.Completions);
        Assert.Equal("com-patel", done.By);
        Assert.Equal(Today, done.On);
        Assert.Equal("BCST part 1 done with the prison's pre-release team", done.Note);

        await page.GotoAsync("/staff/caseload");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No case shown has an overdue task.");
    }

    [Fact]
    public async Task A_COM_of_another_PDU_is_refused_with_403_and_the_task_stays_open()
    {
        var page = await SignedIn("Aoife Murphy");
        // A valid token from a journey of her own PDU: the refusal is for the PDU, not the token.
        await page.GotoAsync($"/staff/journeys/{southwark}");
        var token = await page.Locator("#open-tasks form input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(token));
        var task = (await journeys.JourneyAsync(lewisham))!.Summary.OpenTasks.First().TaskId;

        var response = await page.APIRequest.PostAsync($"/staff/journeys/{lewisham}/tasks/{task}/complete", new()
        {
            Form = Form(page, token!), MaxRedirects = 0,
        });

        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("probation delivery unit can mark its tasks as done", await response.TextAsync());
        Assert.Empty(journeys.Completions);
        Assert.Contains((await journeys.JourneyAsync(lewisham))!.Summary.OpenTasks, t => t.TaskId == task);
    }

    [Fact]
    public async Task The_form_without_its_anti_forgery_token_is_refused_and_nothing_changes()
    {
        var page = await SignedIn("Priya Patel");
        await page.GotoAsync($"/staff/journeys/{lewisham}"); // the anti-forgery cookie is set; only the field is missing
        var task = (await journeys.JourneyAsync(lewisham))!.Summary.OpenTasks.First().TaskId;

        var withoutToken = await page.APIRequest.PostAsync($"/staff/journeys/{lewisham}/tasks/{task}/complete", new() { Form = Form(page, null), MaxRedirects = 0 });
        var forgedToken = await page.APIRequest.PostAsync($"/staff/journeys/{lewisham}/tasks/{task}/complete", new() { Form = Form(page, "CfDJ8forged"), MaxRedirects = 0 });

        Assert.Equal((int)HttpStatusCode.BadRequest, withoutToken.Status);
        Assert.Equal((int)HttpStatusCode.BadRequest, forgedToken.Status);
        Assert.Contains("The form could not be used", await withoutToken.TextAsync());
        Assert.Empty(journeys.Completions);
        Assert.Contains((await journeys.JourneyAsync(lewisham))!.Summary.OpenTasks, t => t.TaskId == task);
    }

    private static IFormData Form(IPage page, string? token)
    {
        var form = page.APIRequest.CreateFormData();
        if (token is not null) form.Set("__RequestVerificationToken", token);
        form.Set("on-day", "11");
        form.Set("on-month", "3");
        form.Set("on-year", "2026");
        return form;
    }
}
