using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Api;
using ShortSentences.App.Http;
using ShortSentences.Staff;

namespace ShortSentences.App;

/// <summary>Builds the app's own web host (local mode): configuration, the API, the staff pages and their plumbing.</summary>
public static class AppHost
{
    /// <summary>
    /// The API's endpoints and their plumbing, as both hosts serve them: this web app locally, the HTTP-triggered
    /// functions under the Functions host (which checks the function keys itself: the app enforces its local key only).
    /// </summary>
    public static void AddApi(IServiceCollection services, AppSettings appSettings)
    {
        services.AddSingleton(appSettings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new KeyPolicy(appSettings.LocalKey, enforced: appSettings.Mode == RunMode.Local));
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<SentenceEndpoints>();
        services.AddSingleton<DomainEventEndpoints>();
        services.AddSingleton<JourneyEndpoints>();
        services.AddSingleton<OperationsEndpoints>();
        services.AddSingleton(sp => new Router(FunctionCatalog.Routes(
            sp.GetRequiredService<SentenceEndpoints>(), sp.GetRequiredService<DomainEventEndpoints>(),
            sp.GetRequiredService<JourneyEndpoints>(), sp.GetRequiredService<OperationsEndpoints>())));
        services.AddSingleton<ApiGateway>();
    }

    /// <summary>
    /// The web app, listening on loopback at the configured port.
    /// <paramref name="addJourneys"/> registers the <see cref="IJourneyOperations"/> behind the endpoints.
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection, AppSettings, IConfiguration> addJourneys,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (settings is not null)
        {
            // Local settings sit below environment variables, as with the Functions tools.
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings });
        }
        var appSettings = AppSettings.From(builder.Configuration);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, appSettings.Port, l => l.Use(ServerRefusals.Middleware));
            k.Limits.MaxRequestBodySize = RequestLimits.MaxServerBodyBytes;
            // Kestrel's own refusals have an empty body; with its limits above ours, the app refuses first, as a problem.
            k.Limits.MaxRequestLineSize = RequestLimits.ServerMaxRequestLineBytes;
            k.Limits.MaxRequestHeadersTotalSize = RequestLimits.ServerMaxHeaderBytes;
            k.AddServerHeader = false;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        AddApi(services, appSettings);
        addJourneys(services, appSettings, builder.Configuration);
        // Without journeys storage of its own to probe (a test's operations), an outage ends at its first probe.
        services.TryAddSingleton(sp => new StorageOutage(sp.GetRequiredService<ILogger<StorageOutage>>()));
        // A Ctrl+C or SIGTERM ends the app within this, whatever a hosted service (the journeys' engine) is still doing.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        var app = builder.Build();
        // Anything outside the function endpoints (e.g. the staff pages) that fails still gets no stack trace.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async ctx =>
            {
                var problem = Problems.Unexpected(ctx.Request.Path.Value ?? "/", ctx.TraceIdentifier);
                ctx.Response.StatusCode = problem.StatusCode;
                ctx.Response.ContentType = problem.ContentType;
                await ctx.Response.WriteAsync(problem.Body);
            },
        });
        app.UseRequestShapeLimits();
        app.UseFunctionEndpoints();
        app.MapStaffPages();
        return app;
    }
}
