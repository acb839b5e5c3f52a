using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>/assets/{*path}: the GOV.UK and MOJ Frontend styles, scripts and images the staff pages use.</summary>
public sealed class StaffAssets(StaffPassThrough staff)
{
    [Function(nameof(StaffAssets))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{*path}")] HttpRequest request) =>
        staff.ServeAsync(request);
}
