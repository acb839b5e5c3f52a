using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>When storage is down the API says so (503) in a problem document, with no internals, and recovers when it is back.</summary>
public sealed class StorageOutageTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>
{
    [Fact]
    public async Task With_storage_down_requests_fail_as_problems_without_a_stack_trace_and_work_again_once_it_is_back()
    {
        await using var app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start), timerSeconds: 3600);
        (await app.PostJsonAsync("/api/sentences", Samples.Sentence("E500001", "E5001EE"))).Dispose();
        await storage.Azurite.StopAsync();
        try
        {
            foreach (var request in new Func<Task<HttpResponseMessage>>[]
                     {
                         () => app.Keyed.GetAsync("/api/journeys/J-E500001-S1"),
                         () => app.PostJsonAsync("/api/sentences", Samples.Sentence("E500002", "E5002EE")),
                         () => app.Keyed.GetAsync("/api/journeys?crn=E500001"),
                     })
            {
                using var response = await request();
                var body = await response.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(response.Headers.Contains("Retry-After"));
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(body).RootElement.GetProperty("correlationId").GetString()));
                Assert.DoesNotContain("Exception", body);
                Assert.DoesNotContain("   at ", body);
                Assert.DoesNotContain("127.0.0.1", body);
            }
        }
        finally
        {
            await storage.Azurite.StartAsync();
        }
        // A killed Azurite can lose its last seconds of writes, tables included (it saves every 5 s); storage that
        // comes back in Azure still has them. Creating what is missing is what the app does when it starts.
        await app.Services.GetRequiredService<StorageSetup>().EnsureAsync(TimeSpan.FromSeconds(30), default);
        using var after = await app.PostJsonAsync("/api/sentences", Samples.Sentence("E500002", "E5002EE"));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }
}
