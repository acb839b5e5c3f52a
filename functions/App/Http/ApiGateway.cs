using System.Text;
using Microsoft.AspNetCore.Http;

namespace ShortSentences.App.Http;

/// <summary>
/// One HTTP request to the API, served whichever host took it: the app's own web host locally
/// (<see cref="FunctionEndpoints"/>), or an HTTP-triggered function under the Functions host, which has already
/// matched the route and checked the function key. Matches the route again for its values, refuses before reading
/// the body (no key where one is enforced, too large), and writes the handler's answer or problem document.
/// </summary>
public sealed class ApiGateway(Router router, ApiPipeline pipeline)
{
    public async Task ServeAsync(HttpContext ctx)
    {
        var req = ctx.Request;
        var path = req.Path.Value ?? "/";
        var match = router.Match(req.Method, path);
        if (match is RouteMatch.NoRoute) { await WriteAsync(ctx, Problems.NotFound(path, "There is no API at this address; see /api/openapi.json.")); return; }
        if (match is RouteMatch.WrongMethod wrong) { await WriteAsync(ctx, Problems.MethodNotAllowed(path, wrong.Allowed)); return; }
        var (route, values) = (RouteMatch.Found)match;

        var request = new ApiRequest(req.Method.ToUpperInvariant(), path,
            ApiRequest.CaseInsensitive(req.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()))),
            ApiRequest.CaseInsensitive(req.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()))),
            ReadOnlyMemory<byte>.Empty) { RouteValues = values };

        if (!pipeline.Keys.Allows(route.Access, request)) { await WriteAsync(ctx, Problems.Unauthorized(path)); return; }
        var body = await BodyReader.ReadAsync(req, RequestLimits.MaxBodyBytes, ctx.RequestAborted);
        if (body is null)
        {
            await WriteAsync(ctx, Problems.TooLarge(path, RequestLimits.MaxBodyBytes));
            return;
        }
        await WriteAsync(ctx, await pipeline.InvokeAsync(route, request with { Body = body }, ctx.RequestAborted));
    }

    private static async Task WriteAsync(HttpContext ctx, ApiResponse response)
    {
        ctx.Response.StatusCode = response.StatusCode;
        ctx.Response.ContentType = response.ContentType;
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        foreach (var (k, v) in response.Headers) ctx.Response.Headers[k] = v;
        await ctx.Response.WriteAsync(response.Body, Encoding.UTF8, ctx.RequestAborted);
    }
}
