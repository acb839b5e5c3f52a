using System.Text.Json;
using ShortSentences.App.Api;
using ShortSentences.App.Http;
using Xunit;

namespace ShortSentences.App.Tests;

/// <summary>function.json folders, the app's function list and openapi.json describe the same functions.</summary>
public class FunctionDefinitionTests
{
    private static readonly string FunctionsDir = Repo.Path("functions", "App", "Functions");

    private static JsonElement Bindings(string name)
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsDir, name, "function.json")));
        return doc.RootElement.GetProperty("bindings");
    }

    private static JsonElement Binding(JsonElement bindings, string type) =>
        bindings.EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);

    public static TheoryData<string> HttpFunctionNames => new(FunctionCatalog.Http.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(HttpFunctionNames))]
    public void Each_HTTP_function_has_a_function_json_with_its_route_method_and_auth_level(string name)
    {
        var f = FunctionCatalog.Http.Single(h => h.Name == name);
        var bindings = Bindings(name);
        var trigger = Binding(bindings, "httpTrigger");
        Assert.Equal("in", trigger.GetProperty("direction").GetString());
        Assert.Equal("req", trigger.GetProperty("name").GetString());
        Assert.Equal([f.Method.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(f.Template, trigger.GetProperty("route").GetString());
        Assert.Equal(f.Access == Access.FunctionKey ? "function" : "anonymous", trigger.GetProperty("authLevel").GetString());
        var output = Binding(bindings, "http");
        Assert.Equal(("out", "res"), (output.GetProperty("direction").GetString(), output.GetProperty("name").GetString()));
        // Only an HTTP trigger and the HTTP output: the host can forward the request unchanged.
        Assert.Equal(2, bindings.GetArrayLength());
    }

    [Fact]
    public void Every_write_endpoint_needs_the_function_key()
    {
        Assert.All(FunctionCatalog.Http.Where(f => f.Method != "GET"), f => Assert.Equal(Access.FunctionKey, f.Access));
        Assert.Equal(["Health", "OpenApi"], FunctionCatalog.Http.Where(f => f.Access == Access.Anonymous).Select(f => f.Name));
    }

    [Fact]
    public void The_staff_pages_and_their_assets_are_forwarded_to_the_app_by_catch_all_functions()
    {
        foreach (var (name, route) in FunctionCatalog.StaffPassThrough)
        {
            var trigger = Binding(Bindings(name), "httpTrigger");
            Assert.Equal(route, trigger.GetProperty("route").GetString());
            // Staff sign in with App Service authentication, not with function keys.
            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void The_Service_Bus_trigger_reads_the_domain_events_subscription()
    {
        var b = Binding(Bindings(FunctionCatalog.DomainEventsFunction), "serviceBusTrigger");
        Assert.Equal("hmpps-domain-events", b.GetProperty("topicName").GetString());
        Assert.Equal("short-sentence-journeys", b.GetProperty("subscriptionName").GetString());
        Assert.Equal(FunctionCatalog.TriggerBindings[FunctionCatalog.DomainEventsFunction], b.GetProperty("name").GetString());
    }

    [Fact]
    public void The_timer_trigger_runs_every_minute()
    {
        var b = Binding(Bindings(FunctionCatalog.DueDeadlinesFunction), "timerTrigger");
        Assert.Equal("0 */1 * * * *", b.GetProperty("schedule").GetString());
        Assert.Equal(FunctionCatalog.TriggerBindings[FunctionCatalog.DueDeadlinesFunction], b.GetProperty("name").GetString());
    }

    [Fact]
    public void The_queue_trigger_sends_from_the_reminders_queue()
    {
        var b = Binding(Bindings(FunctionCatalog.SendRemindersFunction), "queueTrigger");
        Assert.Equal("reminders", b.GetProperty("queueName").GetString());
        Assert.Equal(FunctionCatalog.TriggerBindings[FunctionCatalog.SendRemindersFunction], b.GetProperty("name").GetString());
    }

    [Fact]
    public void There_is_no_function_folder_the_app_does_not_serve()
    {
        var folders = Directory.GetDirectories(FunctionsDir).Select(Path.GetFileName).Order();
        var served = FunctionCatalog.Http.Select(f => f.Name).Concat(FunctionCatalog.TriggerBindings.Keys)
            .Concat(FunctionCatalog.StaffPassThrough.Keys).Order();
        Assert.Equal(served, folders);
    }

    [Fact]
    public void The_build_output_is_a_custom_handler_app_with_host_json_and_a_folder_per_function()
    {
        var output = Path.GetDirectoryName(typeof(AppHost).Assembly.Location)!;
        Assert.True(File.Exists(Path.Combine(output, "host.json")));
        foreach (var name in FunctionCatalog.Http.Select(f => f.Name).Concat(FunctionCatalog.TriggerBindings.Keys))
            Assert.True(File.Exists(Path.Combine(output, name, "function.json")), $"{name}/function.json is not in the build output");
    }

    [Fact]
    public void Host_json_starts_this_executable_as_a_custom_handler_under_the_api_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Repo.Path("host.json")));
        var handler = host.RootElement.GetProperty("customHandler");
        Assert.Equal(typeof(AppHost).Assembly.GetName().Name, handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        // No host prefix: the API's routes carry "api/" themselves, so the staff pages can live at /staff as they do locally.
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
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
}
