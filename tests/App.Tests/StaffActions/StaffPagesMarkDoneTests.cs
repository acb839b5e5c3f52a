using System.Net;
using System.Text.RegularExpressions;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;
using static ShortSentences.App.Tests.StaffActions.StaffApi;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>The staff pages' "Mark as done" in the running app: the form reaches the real journey, recorded with who.</summary>
public sealed partial class StaffPagesMarkDoneTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;
    private readonly TestClock _clock = new(Samples.Start);

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Fact]
    public async Task A_task_marked_done_on_the_journey_page_is_met_in_the_journey_with_the_signed_in_member_of_staff_as_who()
    {
        using (var created = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("E500001", "E5001AA")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        const string id = "J-E500001-S1";
        var taskId = (await _app.Journey(id)).OpenTask("com-allocation-ssf").GetProperty("taskId").GetString()!;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        (await browser.PostAsync("/staff/sign-in", new FormUrlEncodedContent([KeyValuePair.Create("staffId", "spo-okafor")]))).Dispose();
        var page = await browser.GetStringAsync($"/staff/journeys/{id}");
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), "the journey page has a Mark as done form with its token");
        var today = Today(_clock);

        using var posted = await browser.PostAsync($"/staff/journeys/{id}/tasks/{taskId}/complete", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("__RequestVerificationToken", token),
            KeyValuePair.Create("on-day", today.Day.ToString()), KeyValuePair.Create("on-month", today.Month.ToString()),
            KeyValuePair.Create("on-year", today.Year.ToString()), KeyValuePair.Create("note", "allocated in the morning meeting"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.DoesNotContain((await _app.Journey(id)).OpenTasks(), t => t.GetProperty("taskId").GetString() == taskId);
        var facts = await _app.Facts(id);
        Assert.Contains(facts, f => f.EventType == "task-completed" && f.Fact.Type() == "noted"
                                    && f.Fact.GetProperty("what").GetString()!.Contains("spo-okafor")
                                    && f.Fact.GetProperty("what").GetString()!.Contains("allocated in the morning meeting"));

        using var noToken = await browser.PostAsync($"/staff/journeys/{id}/tasks/{taskId}/complete", new FormUrlEncodedContent(
            [KeyValuePair.Create("on-day", "20"), KeyValuePair.Create("on-month", "11"), KeyValuePair.Create("on-year", "2026")]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }
}
