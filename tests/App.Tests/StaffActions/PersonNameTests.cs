using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;
using static ShortSentences.App.Tests.StaffActions.StaffApi;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>
/// The person's name: optional in the sentence event, strictly checked, shown on the journey, the caseload and the
/// person page (with every sentence of the CRN), and never written to a log.
/// </summary>
public sealed class PersonNameTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;
    private readonly TestClock _clock = new(Samples.Start);
    private readonly CapturingLogs _logs = new();

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, _clock, services: s =>
    {
        s.AddSingleton<ILoggerProvider>(_logs);
        s.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Named(string crn, string noms, string sentenceId, object? first, object? last)
    {
        var s = JsonNode.Parse(Samples.Sentence(crn, noms, sentenceId))!;
        if (first is not null) s["person"]!["firstName"] = JsonValue.Create(first);
        if (last is not null) s["person"]!["lastName"] = JsonValue.Create(last);
        return s.ToJsonString();
    }

    [Fact]
    public async Task A_named_person_is_shown_by_name_on_the_journey_the_caseload_and_their_page_with_every_sentence_and_the_name_is_never_logged()
    {
        foreach (var sentence in new[] { "S1", "S2" })
            using (var created = await _app.PostJsonAsync("/api/sentences", Named("F600001", "F6001AA", sentence, "Zoë", "O'Brien-Łukasz")))
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var unnamed = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("F600002", "F6002AA")))
            Assert.Equal(HttpStatusCode.Created, unnamed.StatusCode);
        Assert.Equal("Zoë O'Brien-Łukasz", (await _app.Journey("J-F600001-S1")).GetProperty("name").GetString());

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _app.BaseAddress };
        (await browser.PostAsync("/staff/sign-in", new FormUrlEncodedContent([KeyValuePair.Create("staffId", "spo-okafor")]))).Dispose();
        var caseload = WebUtility.HtmlDecode(await browser.GetStringAsync("/staff/caseload?scope=pdu"));
        Assert.Contains("Zoë O'Brien-Łukasz", caseload);
        Assert.Contains("Sentence S2", caseload);        // a person with two sentences: each row says which
        Assert.Contains("/staff/people/F600001", caseload);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(caseload, "CRN F600002")); // no name: the CRN once, not twice
        var journey = WebUtility.HtmlDecode(await browser.GetStringAsync("/staff/journeys/J-F600001-S2"));
        Assert.Contains("<h1 class=\"govuk-heading-l\">Zoë O'Brien-Łukasz</h1>", journey);
        var person = WebUtility.HtmlDecode(await browser.GetStringAsync("/staff/people/F600001"));
        Assert.Contains("Zoë O'Brien-Łukasz", person);
        Assert.Contains("/staff/journeys/J-F600001-S1", person);
        Assert.Contains("/staff/journeys/J-F600001-S2", person);
        using (var nobody = await browser.GetAsync("/staff/people/F699999")) Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("Zoë", StringComparison.Ordinal) || l.Contains("Brien", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("person.firstName", "<script>", null)]
    [InlineData("person.firstName", "=HYPERLINK(\"x\")", null)]
    [InlineData("person.lastName", null, 42)]
    [InlineData("person.lastName", null, "")]
    [InlineData("person.firstName", "Zo\u0000e", null)]
    public async Task A_name_that_cannot_be_a_name_is_refused_naming_the_field_and_is_not_repeated_back(string field, object? first, object? last)
    {
        using var response = await _app.PostJsonAsync("/api/sentences", Named("F600003", "F6003AA", "S1", first, last));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", body);
        if (first is string f && f.Length > 0) Assert.DoesNotContain(f, body);
        using var missing = await _app.Keyed.GetAsync("/api/journeys/J-F600003-S1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(CapturingLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
