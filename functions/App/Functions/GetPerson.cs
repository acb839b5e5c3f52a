using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>GET /api/people/{crn}: A person's journeys, by CRN.</summary>
public sealed class GetPerson(HttpFunctions http)
{
    [Function(nameof(GetPerson))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/people/{crn}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        http.ServeAsync(request, durable);
}
