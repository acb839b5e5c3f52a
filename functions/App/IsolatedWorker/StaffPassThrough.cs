using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using ShortSentences.Staff;

namespace ShortSentences.App.IsolatedWorker;

/// <summary>
/// The staff pages under the Functions host. They are ASP.NET endpoints (<see cref="StaffPages.MapStaffPages"/>), which
/// the local web host maps directly; here the catch-all functions for <c>staff/{*path}</c> and <c>assets/{*path}</c>
/// run each request through a pipeline with just those endpoints, built once on the worker's services.
/// </summary>
public sealed class StaffPassThrough(IServiceProvider services, InvocationJourneyEngine engine)
{
    private readonly Lazy<RequestDelegate> _pages = new(() =>
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseEndpoints(e => e.MapStaffPages());
        return app.Build();
    });

    /// <summary>A page: with the invocation's Durable client, as a page's action (a task marked done) drives its journey.</summary>
    public Task<IActionResult> ServeAsync(HttpRequest request, DurableTaskClient durable) => engine.WithClientAsync(durable, () => ServeAsync(request));

    /// <summary>A static asset: no journey is touched.</summary>
    public async Task<IActionResult> ServeAsync(HttpRequest request)
    {
        // The function's own endpoint would stop routing from matching the page's.
        request.HttpContext.SetEndpoint(null);
        await _pages.Value(request.HttpContext);
        return new EmptyResult();
    }
}
