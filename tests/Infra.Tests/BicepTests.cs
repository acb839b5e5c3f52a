using System.Text.Json;
using Xunit;

namespace ShortSentences.Infra.Tests;

/// <summary>ARCHITECTURE D8: infra/main.bicep compiles and lints clean; a warning fails the build of the infrastructure.</summary>
public sealed class BicepTests
{
    private static readonly string MainBicep = Bicep.Repo("infra", "main.bicep");

    [Fact]
    public async Task Main_bicep_builds_with_no_warnings_or_errors()
    {
        var run = await Bicep.RunAsync("build", MainBicep, "--stdout");
        Assert.True(run.ExitCode == 0, $"bicep build exited {run.ExitCode}:\n{run.Errors}");
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public async Task Main_bicep_passes_the_linter_with_no_warnings()
    {
        var run = await Bicep.RunAsync("lint", MainBicep);
        Assert.True(run.ExitCode == 0, $"bicep lint exited {run.ExitCode}:\n{run.Errors}");
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public async Task A_linter_warning_is_seen_so_the_clean_result_above_means_something()
    {
        var dir = Directory.CreateTempSubdirectory("bicep-");
        try
        {
            var file = Path.Combine(dir.FullName, "unused.bicep");
            await File.WriteAllTextAsync(file, "param unused string\noutput answer int = 42\n");
            var run = await Bicep.RunAsync("lint", file);
            Assert.Contains(run.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task The_function_app_runs_the_isolated_worker_with_identity_based_storage_and_Notify_key_from_Key_Vault()
    {
        using var template = await Compiled();
        var settings = Resource(template, "Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig")
            .GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.True(settings.ContainsKey("AzureWebJobsStorage__accountName"), "host storage and the Durable Task hub by managed identity");
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "no connection string with a key");
        Assert.DoesNotContain(settings.Values, v => v.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        // ARM expressions: the value is a Key Vault reference to the notify-api-key secret.
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Staff__Notify__ApiKey"]);
        Assert.Contains("'notify-api-key'", settings["Staff__Notify__ApiKey"]);
        Assert.True(settings.ContainsKey("ServiceBus__FullyQualifiedNamespace"));
        Assert.True(settings.ContainsKey("ServiceBus__TopicName"));
        Assert.True(settings.ContainsKey("ServiceBus__SubscriptionName"));

        var site = Resource(template, "Microsoft.Web/sites");
        Assert.Equal("SystemAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.True(site.GetProperty("properties").GetProperty("siteConfig").GetProperty("alwaysOn").GetBoolean(),
            "the Service Bus consumer is not a trigger: the app must stay up");
    }

    [Fact]
    public async Task Storage_and_Service_Bus_accept_Entra_ID_only()
    {
        using var template = await Compiled();
        var storage = Resource(template, "Microsoft.Storage/storageAccounts").GetProperty("properties");
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        var bus = Resource(template, "Microsoft.ServiceBus/namespaces").GetProperty("properties");
        Assert.True(bus.GetProperty("disableLocalAuth").GetBoolean());
        var vault = Resource(template, "Microsoft.KeyVault/vaults").GetProperty("properties");
        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
    }

    [Fact]
    public async Task The_subscription_dead_letters_after_its_delivery_count_and_on_expiry()
    {
        using var template = await Compiled();
        var variables = template.RootElement.GetProperty("variables");
        Assert.Equal("hmpps-domain-events", variables.GetProperty("domainEventsTopic").GetString());
        Assert.Equal("short-sentence-journeys", variables.GetProperty("domainEventsSubscription").GetString());
        var sub = Resource(template, "Microsoft.ServiceBus/namespaces/topics/subscriptions");
        Assert.Contains("variables('domainEventsSubscription')", sub.GetProperty("name").GetString());
        var props = sub.GetProperty("properties");
        Assert.Equal("[parameters('maxDeliveryCount')]", props.GetProperty("maxDeliveryCount").GetString());
        Assert.True(props.GetProperty("deadLetteringOnMessageExpiration").GetBoolean());
        Assert.Contains("variables('domainEventsTopic')", Resource(template, "Microsoft.ServiceBus/namespaces/topics").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("blobData", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor")]
    [InlineData("queueData", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("tableData", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    [InlineData("busReceiver", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Azure Service Bus Data Receiver")]
    [InlineData("secretsUser", "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    public async Task The_app_identity_is_granted_the_data_role(string key, string roleId, string role)
    {
        using var template = await Compiled();
        Assert.Equal(roleId, template.RootElement.GetProperty("variables").GetProperty("roles").GetProperty(key).GetString());
        var assignments = Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Select(r => r.GetProperty("properties")).ToList();
        Assert.Contains(assignments, a =>
            a.GetProperty("roleDefinitionId").GetString()!.Contains($"variables('roles').{key}", StringComparison.Ordinal)
            && a.GetProperty("principalId").GetString()!.Contains("Microsoft.Web/sites", StringComparison.Ordinal));
        Assert.True(assignments.Count > 0, role);
    }

    private static readonly Lazy<Task<string>> Template = new(async () =>
    {
        var run = await Bicep.RunAsync("build", MainBicep, "--stdout");
        Assert.True(run.ExitCode == 0, run.Errors);
        return run.Output;
    });

    private static async Task<JsonDocument> Compiled() => JsonDocument.Parse(await Template.Value);

    /// <summary>Resources of the compiled template: bicep writes them as an array, or as an object keyed by symbolic name.</summary>
    private static IEnumerable<JsonElement> Resources(JsonDocument template)
    {
        var resources = template.RootElement.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().ToList()
            : resources.EnumerateObject().Select(p => p.Value).ToList();
    }

    private static JsonElement Resource(JsonDocument template, string type) =>
        Resources(template).Single(r => r.GetProperty("type").GetString() == type);
}
