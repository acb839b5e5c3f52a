using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ShortSentences.App.Journeys;
using ShortSentences.App.Tests.EndToEnd;
using ShortSentences.Staff.Reminders;
using Xunit;

namespace ShortSentences.App.Tests.Reminders;

/// <summary>The running app (local mode) delivers through the table log, and the staff reminders page reads it.</summary>
public sealed class RemindersPageOverTableLogTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>
{
    [Fact]
    public async Task A_reminder_the_app_sends_is_in_the_table_log_and_on_the_staff_reminders_page()
    {
        var clock = new TestClock(EndToEnd.Samples.Start);
        await using var app = await RunningApp.StartAsync(storage.Azurite, clock);
        Assert.IsType<TableDeliveryLog>(app.Services.GetRequiredService<IDeliveryLog>());

        (await app.PostJsonAsync("/api/sentences", EndToEnd.Samples.Sentence("A100009", "A1009AA"))).Dispose();
        clock.Advance(Duration.FromDays(60)); // past the first deadlines: the timer raises their reminders

        // A log of a "restarted" process, sharing only the table, sees what the app's workers recorded.
        var afterRestart = new TableDeliveryLog(app.Services.GetRequiredService<TableServiceClient>().GetTableClient(TableDeliveryLog.TableName));
        var delivered = await RunningApp.EventuallyAsync(
            async () => (await afterRestart.AllAsync()).Where(r => r.Command.Crn == "A100009" && r.Status == DeliveryStatus.Sent).ToList(),
            rs => rs.Count > 0, "a reminder for A100009 to be recorded as sent");

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        using var signIn = await browser.PostAsync("/staff/sign-in", new FormUrlEncodedContent([KeyValuePair.Create("staffId", "pq-lead")]));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var page = await browser.GetStringAsync("/staff/reminders");

        Assert.Contains("A100009", page);
        Assert.Contains(WebUtility.HtmlEncode(delivered[0].Key), page); // the local sink's e-mail, by its reference
    }
}
