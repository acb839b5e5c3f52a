using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>POST /api/sentences: A sentence event from NOMIS or the court: starts the person's journey, or joins one already running.</summary>
public sealed class PostSentence(HttpFunctions http)
{
    [Function(nameof(PostSentence))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/sentences")] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        http.ServeAsync(request, durable);
}
