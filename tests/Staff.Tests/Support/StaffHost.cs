using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShortSentences.Staff.Tests.Support;

/// <summary>
/// The staff pages hosted the way the app hosts them (AddStaffPages + MapStaffPages) on a real Kestrel at
/// 127.0.0.1 and a free port, with the clock fixed at Wednesday 11 March 2026, 09:00 UTC.
/// </summary>
public sealed class StaffHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Wednesday = new(2026, 3, 11, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    public Uri BaseUrl { get; }

    public IServiceProvider Services => app.Services;

    private StaffHost(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<StaffHost> StartAsync(string mode = "local", Action<IServiceCollection>? services = null, bool seedSampleReminders = true)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Journeys:Mode"] = mode;
        builder.Configuration["Staff:SeedSampleReminders"] = seedSampleReminders ? "true" : "false";
        builder.Services.AddSingleton<TimeProvider>(new FixedClock(Wednesday));
        services?.Invoke(builder.Services);
        builder.Services.AddStaffPages(builder.Configuration);
        var app = builder.Build();
        app.MapStaffPages();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaffHost(app, new Uri(address));
    }

    /// <summary>An HTTP client that does not follow redirects, so tests see them.</summary>
    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUrl };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
