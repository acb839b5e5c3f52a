using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.Functions;
using ShortSentences.App.Journeys;
using ShortSentences.App.Tests.EndToEnd;
using ShortSentences.App.IsolatedWorker;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Rules;
using ShortSentences.Orchestration.Storage;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.App.Tests.Functions;

/// <summary>
/// The function classes as the worker builds them (<see cref="WorkerMain.AddServices"/>), called as the Functions host
/// calls them, with a Durable client. The Functions host cannot be installed here, so the Durable extension's part (running
/// the orchestrations) is played by the local durable host on the same storage, task hub and read model.
/// </summary>
public sealed class WorkerFunctionTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;
    private ServiceProvider _services = null!;
    private LocalDurableHost _engine = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync(inMemory: true);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Journeys:StorageConnection"] = _azurite.ConnectionString,
            ["Staff:NodeModulesPath"] = Repo.Path("node_modules"),
            // Well formed, never used: no reminder is sent here, but the worker builds its Notify client.
            ["Staff:Notify:ApiKey"] = $"worker-test-{Guid.NewGuid()}-{Guid.NewGuid()}",
            ["Staff:Notify:BaseUrl"] = "http://127.0.0.1:9",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        WorkerMain.AddServices(services, configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await _services.GetRequiredService<StorageSetup>().EnsureAsync(TimeSpan.FromSeconds(30), default);
        _engine = await LocalDurableHost.StartAsync(new DurableHostOptions(_azurite.ConnectionString, JourneysComposition.DefaultTaskHub)
        {
            Store = _services.GetRequiredService<JourneyStoreOptions>(),
            Projection = _ => _services.GetRequiredService<JourneyIndex>(),
            Decider = _services.GetRequiredService<JourneyDecider>(),
        });
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _services.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public void Every_function_class_is_built_from_the_workers_services()
    {
        var functions = typeof(WorkerMain).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null)).ToList();
        Assert.Equal(FunctionMetadata.Built().Count, functions.Count);
        foreach (var type in functions) Assert.NotNull(ActivatorUtilities.CreateInstance(_services, type));
    }

    [Fact]
    public async Task A_sentence_posted_to_the_PostSentence_function_starts_its_journey_and_GetJourney_answers_it()
    {
        var posted = Request("POST", "/api/sentences", Samples.Sentence("W100001", "W1001AA"));
        await ActivatorUtilities.CreateInstance<PostSentence>(_services).Run(posted.Request, _engine.Client);
        Assert.Equal((int)HttpStatusCode.Created, posted.Response.StatusCode);
        Assert.Equal("/api/journeys/J-W100001-S1", posted.Response.Headers.Location.ToString());
        Assert.Equal("J-W100001-S1", Body(posted).GetProperty("journeyId").GetString());

        var read = Request("GET", "/api/journeys/J-W100001-S1");
        await ActivatorUtilities.CreateInstance<GetJourney>(_services).Run(read.Request, _engine.Client);
        Assert.Equal((int)HttpStatusCode.OK, read.Response.StatusCode);
        Assert.Equal("J-W100001-S1", Body(read).GetProperty("journey").GetProperty("journeyId").GetString());
    }

    [Fact]
    public async Task A_bad_sentence_gets_the_same_problem_document_from_the_function_and_changes_nothing()
    {
        var posted = Request("POST", "/api/sentences", """{"eventId": """);
        await ActivatorUtilities.CreateInstance<PostSentence>(_services).Run(posted.Request, _engine.Client);
        Assert.Equal((int)HttpStatusCode.BadRequest, posted.Response.StatusCode);
        Assert.StartsWith("application/problem+json", posted.Response.ContentType);
        Assert.True(Body(posted).GetProperty("errors").TryGetProperty("body", out _));
        Assert.Empty(await _services.GetRequiredService<JourneyIndex>().ForCrnAsync("W100001", Samples.Start.InUtc().Date, default));
    }

    [Fact]
    public async Task The_staff_pages_are_served_through_their_catch_all_function()
    {
        var page = Request("GET", "/staff/caseload");
        await ActivatorUtilities.CreateInstance<StaffPages>(_services).Run(page.Request, _engine.Client);
        // Nobody is signed in (App Service authentication would say who): the staff pages answer that, as a GOV.UK page.
        Assert.True(page.Response.ContentType?.StartsWith("text/html") == true, $"{page.Response.StatusCode} {page.Response.ContentType}: {Text(page)}");
        Assert.Contains("govuk-template", Text(page));
    }

    private HttpContext Request(string method, string path, string? body = null)
    {
        var ctx = new DefaultHttpContext { RequestServices = _services };
        ctx.Request.Method = method;
        ctx.Request.Path = path;
        ctx.Request.Headers.Host = "localhost";
        if (body is not null)
        {
            ctx.Request.ContentType = "application/json";
            ctx.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            ctx.Request.ContentLength = ctx.Request.Body.Length;
        }
        ctx.Response.Body = new MemoryStream();
        return ctx;
    }

    private static string Text(HttpContext ctx) => Encoding.UTF8.GetString(((MemoryStream)ctx.Response.Body).ToArray());

    private static JsonElement Body(HttpContext ctx) => JsonDocument.Parse(Text(ctx)).RootElement.Clone();
}
