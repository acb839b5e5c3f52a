using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>GET /api/journeys: The journeys, by CRN, PDU or COM, a page at a time.</summary>
public sealed class ListJourneys(HttpFunctions http)
{
    [Function(nameof(ListJourneys))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/journeys")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        http.ServeAsync(request, durable);
}
