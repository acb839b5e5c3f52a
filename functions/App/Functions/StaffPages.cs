using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>/staff/{*path}: the staff pages (caseload, journeys, reminders), for practitioners and their managers.</summary>
public sealed class StaffPages(StaffPassThrough staff)
{
    [Function(nameof(StaffPages))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/{*path}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        staff.ServeAsync(request, durable);
}
