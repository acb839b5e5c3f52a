using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using ShortSentences.App.Http;

namespace ShortSentences.App.IsolatedWorker;

/// <summary>
/// What every HTTP-triggered function does: serve its request through the <see cref="ApiGateway"/>, with the
/// invocation's Durable client where the request drives or reads journeys. The answer is written to the request's
/// own response (status, headers, problem documents exactly as the local web host writes them), so the function
/// returns an empty result.
/// </summary>
public sealed class HttpFunctions(ApiGateway gateway, InvocationJourneyEngine engine)
{
    public async Task<IActionResult> ServeAsync(HttpRequest request)
    {
        await gateway.ServeAsync(request.HttpContext);
        return new EmptyResult();
    }

    public Task<IActionResult> ServeAsync(HttpRequest request, DurableTaskClient durable) =>
        engine.WithClientAsync(durable, () => ServeAsync(request));
}
