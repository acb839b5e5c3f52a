using System.Diagnostics;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShortSentences.App.Http;

namespace ShortSentences.App.IsolatedWorker;

/// <summary>
/// The app as the Functions host runs it in Azure: an isolated worker with ASP.NET Core integration, whose
/// <c>[Function]</c>s (functions/App/Functions) hand each call to the same handlers the local web host serves. The
/// host owns the triggers, the function keys and the Durable extension that runs the journeys; the app keeps the
/// Service Bus consumer of the HMPPS domain events, which runs for as long as the worker does.
/// </summary>
public static class WorkerMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        AddServices(builder.Services, builder.Configuration);

        using var host = builder.Build();
        // As locally: storage down at start does not stop the worker; its tables and queues are made once it answers.
        if (!await host.Services.GetRequiredService<StorageSetup>().TryEnsureAsync(TimeSpan.FromSeconds(5), CancellationToken.None))
            host.Services.GetRequiredService<StorageOutage>().Report("setup at start");
        await host.RunAsync();
        return 0;
    }

    /// <summary>What the functions are built from: the API, the journeys on the host's Durable extension, the staff pages.</summary>
    public static void AddServices(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var settings = AppSettings.From(configuration) with { Mode = RunMode.Azure };
        AppHost.AddApi(services, settings);
        JourneysComposition.AddForFunctions(services, settings, configuration);
        // The staff pages' own pipeline (StaffPassThrough) routes with ASP.NET's endpoint routing, which wants these
        // (the worker's web host registers them too: TryAdd keeps its own).
        services.AddRouting();
        services.TryAddSingleton(new DiagnosticListener("Microsoft.AspNetCore"));
        services.TryAddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        services.AddSingleton<HttpFunctions>();
        services.AddSingleton<StaffPassThrough>();
    }
}
