using System.Text.Json;
using System.Text.Json.Nodes;
using ShortSentences.App.Api;
using ShortSentences.App.Http;
using Xunit;

namespace ShortSentences.App.Tests.Functions;

/// <summary>
/// The function app as the Functions host will see it (functions.metadata, which the worker SDK writes at build),
/// the API the local web host serves, the OpenAPI document and the README: the same functions, routes, methods and
/// auth levels; and the journeys' orchestrator and activities under the names the local durable host uses.
/// </summary>
public class FunctionMetadataTests
{
    [Fact]
    public void The_built_app_declares_every_function_the_API_and_the_durable_host_know_and_nothing_else()
    {
        Assert.Empty(FunctionMetadata.Differences(FunctionMetadata.Built(), FunctionCatalog.Http));
    }

    [Fact]
    public void A_route_changed_in_the_app_only_is_reported()
    {
        var metadata = FunctionMetadata.Built();
        var getJourney = metadata.Single(f => (string)f!["name"]! == "GetJourney")!["bindings"]!.AsArray()
            .Single(b => (string)b!["type"]! == "httpTrigger")!;
        getJourney["route"] = "api/journey/{id}";
        Assert.Contains("GetJourney: route 'api/journey/{id}' in the app, 'api/journeys/{id}' in the API", FunctionMetadata.Differences(metadata, FunctionCatalog.Http));
    }

    [Fact]
    public void A_route_changed_in_the_API_only_is_reported()
    {
        var api = FunctionCatalog.Http.Select(f => f.Name == "GetPerson" ? f with { Template = "api/persons/{crn}" } : f).ToList();
        Assert.Contains("GetPerson: route 'api/people/{crn}' in the app, 'api/persons/{crn}' in the API", FunctionMetadata.Differences(FunctionMetadata.Built(), api));
    }

    [Fact]
    public void A_function_that_loses_its_key_or_its_durable_client_or_an_activity_renamed_is_reported()
    {
        var metadata = FunctionMetadata.Built();
        JsonArray Bindings(string name) => metadata.Single(f => (string)f!["name"]! == name)!["bindings"]!.AsArray();
        Bindings("PostSentence").Single(b => (string)b!["type"]! == "httpTrigger")!["authLevel"] = "Anonymous";
        var corrections = Bindings("CorrectDates");
        corrections.Remove(corrections.Single(b => (string)b!["type"]! == "durableClient"));
        metadata.Single(f => (string)f!["name"]! == "JourneyApplyTurn")!["name"] = "ApplyTurn";

        var found = FunctionMetadata.Differences(metadata, FunctionCatalog.Http);
        Assert.Contains("PostSentence: auth level Anonymous in the app, Function in the API", found);
        Assert.Contains("CorrectDates: no [DurableClient] binding", found);
        Assert.Contains("JourneyApplyTurn: the local durable host registers it, the app has no such function", found);
        Assert.Contains("ApplyTurn: a function the API and the durable host do not know", found);
    }

    [Fact]
    public void Every_write_endpoint_needs_the_function_key()
    {
        Assert.All(FunctionCatalog.Http.Where(f => f.Method != "GET"), f => Assert.Equal(Access.FunctionKey, f.Access));
        Assert.Equal(["Health", "OpenApi"], FunctionCatalog.Http.Where(f => f.Access == Access.Anonymous).Select(f => f.Name));
    }

    [Fact]
    public void Each_route_is_in_the_OpenAPI_document_with_its_method_and_operation_id_and_nothing_else_is()
    {
        using var doc = JsonDocument.Parse(OperationsEndpoints.OpenApiJson);
        var documented = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Path: p.Name, Method: m.Name.ToUpperInvariant(),
                Operation: m.Value.GetProperty("operationId").GetString())))
            .OrderBy(x => x.Operation).ToList();
        var served = FunctionCatalog.Http.Select(f => (Path: "/" + f.Template, f.Method, Operation: (string?)f.Name))
            .OrderBy(x => x.Operation).ToList();
        Assert.Equal(served, documented);
    }

    [Fact]
    public void The_OpenAPI_document_marks_key_protected_operations_as_secured()
    {
        using var doc = JsonDocument.Parse(OperationsEndpoints.OpenApiJson);
        foreach (var f in FunctionCatalog.Http)
        {
            var op = doc.RootElement.GetProperty("paths").GetProperty("/" + f.Template).GetProperty(f.Method.ToLowerInvariant());
            Assert.Equal(f.Access == Access.FunctionKey, op.GetProperty("security").GetArrayLength() > 0);
        }
    }

    [Fact]
    public void The_README_API_table_names_each_HTTP_function_with_its_method_and_path()
    {
        var rows = File.ReadAllLines(Repo.Path("README.md")).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        foreach (var f in FunctionCatalog.Http)
        {
            var row = rows.FirstOrDefault(r => r.Split('|')[1].Split(',').Select(n => n.Trim()).Contains(f.Name));
            Assert.True(row is not null, $"the README's API table has no row for {f.Name}");
            var last = "/" + f.Template.Split('/')[^1];
            Assert.True(row!.Contains($"{f.Method} /{f.Template}", StringComparison.Ordinal) || row.Contains($"{f.Method} ", StringComparison.Ordinal) && row.Contains($"`{last}`", StringComparison.Ordinal),
                $"the README's row for {f.Name} does not say {f.Method} /{f.Template}: {row}");
        }
    }

    [Fact]
    public void Host_json_configures_the_Durable_extension_on_Azure_Storage_and_no_custom_handler()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Repo.Path("host.json")));
        var root = host.RootElement;
        Assert.False(root.TryGetProperty("customHandler", out _), "host.json still has a customHandler section");
        var durable = root.GetProperty("extensions").GetProperty("durableTask");
        // The hub the local durable host uses by default: the same tables and queues whichever host ran a journey.
        Assert.Equal(JourneysComposition.DefaultTaskHub, durable.GetProperty("hubName").GetString());
        var provider = durable.GetProperty("storageProvider");
        Assert.Equal("AzureStorage", provider.GetProperty("type").GetString());
        Assert.Equal(4, provider.GetProperty("partitionCount").GetInt32());
        Assert.True(TimeSpan.Parse(provider.GetProperty("maxQueuePollingInterval").GetString()!) <= TimeSpan.FromSeconds(1));
        // No host prefix: the API's routes carry "api/" themselves, so the staff pages can live at /staff as they do locally.
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
