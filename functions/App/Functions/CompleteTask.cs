using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>POST /api/journeys/{id}/tasks/{taskId}/complete: A practitioner closes one of the journey's tasks.</summary>
public sealed class CompleteTask(HttpFunctions http)
{
    [Function(nameof(CompleteTask))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/journeys/{id}/tasks/{taskId}/complete")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        http.ServeAsync(request, durable);
}
