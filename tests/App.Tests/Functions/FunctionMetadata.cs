using System.Reflection;
using System.Text.Json.Nodes;
using ShortSentences.App.Api;
using ShortSentences.App.Http;
using ShortSentences.Orchestration.Activities;

namespace ShortSentences.App.Tests.Functions;

/// <summary>
/// The functions the worker SDK found in the app (its functions.metadata, written at build from the
/// <c>[Function]</c> attributes), held to the API the local web host serves (<see cref="FunctionCatalog"/>) and to the
/// orchestrator and activity names the local durable host registers (<see cref="JourneyTasks"/>).
/// </summary>
public static class FunctionMetadata
{
    /// <summary>The functions.metadata of the app as built beside these tests (same configuration).</summary>
    public static JsonArray Built()
    {
        var configuration = typeof(FunctionMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Repo.Path("functions", "App", "bin", configuration, "net10.0", "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    /// <summary>Every way the metadata and the two registries disagree, one line each; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(JsonArray metadata, IReadOnlyList<HttpFunction> api)
    {
        var found = new List<string>();
        var functions = metadata.Select(f => f!.AsObject()).ToDictionary(f => (string)f["name"]!, StringComparer.Ordinal);
        JsonObject? Trigger(string name) => functions.TryGetValue(name, out var f)
            ? f["bindings"]!.AsArray().Select(b => b!.AsObject()).SingleOrDefault(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal))
            : null;
        bool HasBinding(string name, string type) =>
            functions[name]["bindings"]!.AsArray().Any(b => (string)b!["type"]! == type);

        void Http(string name, IEnumerable<string> methods, string route, string authLevel)
        {
            if (Trigger(name) is not { } t) { found.Add($"{name}: no such function in functions.metadata"); return; }
            if ((string)t["type"]! != "httpTrigger") found.Add($"{name}: a {t["type"]}, not an httpTrigger");
            if ((string?)t["route"] != route) found.Add($"{name}: route '{t["route"]}' in the app, '{route}' in the API");
            var declared = t["methods"]?.AsArray().Select(m => ((string)m!).ToUpperInvariant()).Order() ?? Enumerable.Empty<string>();
            if (!declared.SequenceEqual(methods.Order())) found.Add($"{name}: methods {string.Join(",", declared)} in the app, {string.Join(",", methods)} in the API");
            if (!string.Equals((string?)t["authLevel"], authLevel, StringComparison.OrdinalIgnoreCase)) found.Add($"{name}: auth level {t["authLevel"]} in the app, {authLevel} in the API");
        }

        foreach (var f in api)
        {
            Http(f.Name, [f.Method], f.Template, f.Access == Access.FunctionKey ? "Function" : "Anonymous");
            // A key-protected route drives or reads journeys: it needs the invocation's Durable client.
            if (f.Access == Access.FunctionKey && functions.ContainsKey(f.Name) && !HasBinding(f.Name, "durableClient"))
                found.Add($"{f.Name}: no [DurableClient] binding");
        }
        Http("StaffPages", ["GET", "POST"], FunctionCatalog.StaffPassThrough["StaffPages"], "Anonymous");
        Http("StaffAssets", ["GET"], FunctionCatalog.StaffPassThrough["StaffAssets"], "Anonymous");

        void Task(string name, string trigger)
        {
            if (Trigger(name) is not { } t) found.Add($"{name}: the local durable host registers it, the app has no such function");
            else if ((string)t["type"]! != trigger) found.Add($"{name}: a {t["type"]}, not an {trigger}");
        }
        foreach (var o in JourneyTasks.Orchestrators) Task(o, "orchestrationTrigger");
        foreach (var a in JourneyTasks.Activities.Keys) Task(a, "activityTrigger");

        foreach (var (name, schedule) in FunctionCatalog.Schedules)
            if (Trigger(name) is { } timer && (string?)timer["schedule"] != schedule)
                found.Add($"{name}: schedule '{timer["schedule"]}', not '{schedule}'");
        if (Trigger(FunctionCatalog.SendRemindersFunction) is { } queue && (string?)queue["queueName"] != LocalQueues.Reminders)
            found.Add($"{FunctionCatalog.SendRemindersFunction}: queue '{queue["queueName"]}', not '{LocalQueues.Reminders}'");
        foreach (var (name, type) in FunctionCatalog.Triggered)
            if (Trigger(name) is not { } t || (string)t["type"]! != type) found.Add($"{name}: not a {type} in functions.metadata");

        var known = api.Select(f => f.Name).Concat(FunctionCatalog.StaffPassThrough.Keys).Concat(JourneyTasks.Orchestrators)
            .Concat(JourneyTasks.Activities.Keys).Concat(FunctionCatalog.Triggered.Keys).ToHashSet(StringComparer.Ordinal);
        found.AddRange(functions.Keys.Where(n => !known.Contains(n)).Select(n => $"{n}: a function the API and the durable host do not know"));
        return found;
    }
}
