using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>POST /api/journeys/{id}/terminate: Ends a journey, with who and why.</summary>
public sealed class TerminateJourney(HttpFunctions http)
{
    [Function(nameof(TerminateJourney))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/journeys/{id}/terminate")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        http.ServeAsync(request, durable);
}
