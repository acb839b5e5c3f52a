using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>GET /api/openapi.json: The API's OpenAPI document.</summary>
public sealed class OpenApi(HttpFunctions http)
{
    [Function(nameof(OpenApi))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request) =>
        http.ServeAsync(request);
}
