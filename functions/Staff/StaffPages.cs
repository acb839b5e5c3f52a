using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.People;
using ShortSentences.Staff.Identity;
using ShortSentences.Staff.Notify;
using ShortSentences.Staff.Pages;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.Staff;

/// <summary>Settings the staff pages read once at start-up.</summary>
public sealed record StaffSettings(bool LocalMode);

/// <summary>
/// Wiring for the app: <c>builder.Services.AddStaffPages(builder.Configuration)</c> and <c>app.MapStaffPages()</c>.
/// Registers the staff directory, the reminder pipeline (local sink in local mode, GOV.UK Notify otherwise), the
/// caseload reader (sample journeys in local mode) and the pages under /staff with their assets under /assets.
/// </summary>
public static class StaffPages
{
    public static IServiceCollection AddStaffPages(this IServiceCollection services, IConfiguration configuration)
    {
        var local = string.Equals(configuration["Journeys:Mode"], "local", StringComparison.OrdinalIgnoreCase);
        services.AddSingleton(new StaffSettings(local));
        // The "Mark as done" forms carry an anti-forgery token (a cookie and a form field that must match).
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ssj-staff-antiforgery";
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.TryAddSingleton(TimeProvider.System);

        var directoryPath = configuration["Staff:DirectoryPath"] is { Length: > 0 } p
            ? p
            : Path.Combine(AppContext.BaseDirectory, "staff-directory.sample.json");
        services.TryAddSingleton(_ => StaffDirectory.Load(directoryPath));

        var reminders = configuration.GetSection("Staff:Reminders").Get<ReminderOptions>() ?? new ReminderOptions();
        if (local && reminders.Templates.Count == 0)
        {
            // The local sink needs no real Notify templates; name them after the kind so the sink page reads well.
            foreach (var kind in Enum.GetNames<ShortSentences.Journeys.Durable.ReminderKind>())
                reminders.Templates[kind] = $"local-{kind.ToLowerInvariant()}";
            reminders.DigestTemplate ??= "local-digest";
        }
        services.AddSingleton(reminders);
        services.AddSingleton(configuration.GetSection("Staff:Notify").Get<NotifyOptions>() ?? new NotifyOptions());

        services.TryAddSingleton<IDeliveryLog, InMemoryDeliveryLog>();
        if (local)
        {
            services.TryAddSingleton(sp => new LocalSink(sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IReminderChannel>(sp => sp.GetRequiredService<LocalSink>());
        }
        else
        {
            services.AddHttpClient(nameof(NotifyClient));
            services.TryAddSingleton<IReminderChannel>(sp => ActivatorUtilities.CreateInstance<NotifyClient>(sp,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(NotifyClient))));
        }
        services.TryAddSingleton<ReminderDelivery>();
        services.TryAddSingleton<DigestSender>();

        if (local)
        {
            services.TryAddSingleton<ICaseloadReader>(sp =>
                new InMemoryCaseloadReader(SampleCaseload.Journeys(DeadlinePolicy.Today(sp.GetRequiredService<TimeProvider>()))));
            if (!string.Equals(configuration["Staff:SeedSampleReminders"], "false", StringComparison.OrdinalIgnoreCase))
                services.AddHostedService<SampleRemindersAtStart>();
        }
        else
        {
            services.TryAddSingleton<ICaseloadReader, UnavailableCaseloadReader>();
        }

        services.AddSingleton(sp =>
        {
            var env = sp.GetService<IWebHostEnvironment>();
            return new FrontendAssets(FrontendAssets.Locate(configuration["Staff:NodeModulesPath"], env?.ContentRootPath, AppContext.BaseDirectory));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapStaffPages(this IEndpointRouteBuilder endpoints)
    {
        var assets = endpoints.ServiceProvider.GetRequiredService<FrontendAssets>();
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ShortSentences.Staff.Pages");
        if (!assets.Available)
            logger.LogWarning("GOV.UK Frontend and MOJ Frontend were not found in node_modules (set Staff:NodeModulesPath): the staff pages will be unstyled");

        var crest = assets.WhiteCrest();
        endpoints.MapGet("/assets/staff/crest.svg", (HttpContext context) =>
        {
            if (crest is null) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(crest, "image/svg+xml");
        });
        endpoints.MapGet("/assets/{**path}", (string path, HttpContext context) =>
        {
            if (assets.Find(path) is not { } found)
                return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Stream(found.File.CreateReadStream(), found.ContentType);
        });

        var staff = endpoints.MapGroup("/staff");
        staff.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            try
            {
                return await next(context);
            }
            catch (CaseloadUnavailableException e)
            {
                return StaffEndpoints.Page(context.HttpContext, ErrorPages.Render("Journey data is not available", $"Sorry, {e.Message}. Try again later.", null, false), 503);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "staff page {Path} failed", context.HttpContext.Request.Path);
                return StaffEndpoints.Page(context.HttpContext, ErrorPages.Render("Sorry, there is a problem with the service", "Try again later.", null, false), 500);
            }
        });
        StaffEndpoints.Map(staff);
        return endpoints;
    }

    /// <summary>Local mode: deliver the sample journeys' reminders once, so the pages and the sink have something to show.</summary>
    private sealed class SampleRemindersAtStart(ReminderDelivery delivery, TimeProvider clock, ICaseloadReader reader) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (reader is not InMemoryCaseloadReader memory) return;
            var today = DeadlinePolicy.Today(clock);
            foreach (var command in SampleCaseload.Reminders(memory.Journeys, today))
                await delivery.DeliverAsync(command, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
