using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.CustomHandler;

namespace ShortSentences.App.Http;

/// <summary>
/// Serves the functions on both doors of a custom handler: <c>/api/...</c> as plain HTTP (locally, and in Azure when
/// the host forwards HTTP requests unchanged) and <c>POST /{FunctionName}</c> with the host's invocation payload.
/// Other paths (the staff pages) fall through to the rest of the app.
/// </summary>
public static class FunctionEndpoints
{
    public static void UseFunctionEndpoints(this WebApplication app)
    {
        var router = app.Services.GetRequiredService<Router>();
        var pipeline = app.Services.GetRequiredService<ApiPipeline>();
        var dispatcher = app.Services.GetRequiredService<InvocationDispatcher>();
        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path.Value ?? "/";
            if (path.Equals("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            {
                await ServeDirectAsync(ctx, router, pipeline);
                return;
            }
            var name = path.TrimStart('/');
            if (HttpMethods.IsPost(ctx.Request.Method) && name.Length > 0 && !name.Contains('/') && dispatcher.Knows(name))
            {
                await ServeInvocationAsync(ctx, name, dispatcher, pipeline.Keys);
                return;
            }
            await next(ctx);
        });
    }

    private static async Task ServeDirectAsync(HttpContext ctx, Router router, ApiPipeline pipeline)
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

        // Refuse before reading a byte of the body: no key, or too large.
        if (!pipeline.Keys.Allows(route.Access, request)) { await WriteAsync(ctx, Problems.Unauthorized(path)); return; }
        var body = await BodyReader.ReadAsync(req, RequestLimits.MaxBodyBytes, ctx.RequestAborted);
        if (body is null)
        {
            await WriteAsync(ctx, Problems.TooLarge(path, RequestLimits.MaxBodyBytes));
            return;
        }
        await WriteAsync(ctx, await pipeline.InvokeAsync(route, request with { Body = body }, ctx.RequestAborted));
    }

    private static async Task ServeInvocationAsync(HttpContext ctx, string functionName, InvocationDispatcher dispatcher, KeyPolicy keys)
    {
        // Azure: only the host can reach this port. Locally anyone on the machine could, so the key is required.
        if (keys.Enforced && !keys.Allows(Access.FunctionKey, HeadersOnly(ctx)))
        {
            await WriteAsync(ctx, Problems.Unauthorized(ctx.Request.Path.Value ?? "/"));
            return;
        }
        var payload = await BodyReader.ReadAsync(ctx.Request, RequestLimits.MaxInvocationBytes, ctx.RequestAborted);
        var answer = payload is null
            ? InvocationAnswer.Malformed(functionName, "The invocation payload is too large.")
            : await dispatcher.DispatchAsync(functionName, payload, ctx.RequestAborted);
        ctx.Response.StatusCode = answer.StatusCode;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(answer.Body, Encoding.UTF8, ctx.RequestAborted);
    }

    private static ApiRequest HeadersOnly(HttpContext ctx) => new(ctx.Request.Method, ctx.Request.Path.Value ?? "/",
        ApiRequest.CaseInsensitive(ctx.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()))),
        ApiRequest.CaseInsensitive(ctx.Request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()))),
        ReadOnlyMemory<byte>.Empty);

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
