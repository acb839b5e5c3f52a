using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ShortSentences.App.Http;

/// <summary>
/// Refusals about the shape of a request rather than its content: an overlong address (414), oversized headers (431),
/// control characters in the path or query (400). Kestrel would answer the first two itself with an empty body; its
/// limits are set higher so these come first and answer, like every other error here, with a problem document.
/// </summary>
public static class RequestShapeLimits
{
    public static void UseRequestShapeLimits(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var path = ctx.Request.Path.Value ?? "/";
        var query = ctx.Request.QueryString.Value ?? "";
        var instance = path.Length > 200 || JsonTextProblem(path) ? "(refused path)" : path;
        ApiResponse? refusal = null;
        if (path.Length + query.Length > RequestLimits.MaxUrlChars)
            refusal = Problems.Of(StatusCodes.Status414UriTooLong, "The address is too long.",
                $"Paths and query strings are limited to {RequestLimits.MaxUrlChars} characters.", instance, "15.5.15");
        else if (ctx.Request.Headers.Sum(h => h.Key.Length + h.Value.ToString().Length + 4) > RequestLimits.MaxHeaderChars)
            refusal = Problems.Of(StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"Headers are limited to {RequestLimits.MaxHeaderChars / 1024} KB in all.", instance, "RFC 6585 section 5");
        else if (JsonTextProblem(path) || JsonTextProblem(Uri.UnescapeDataString(query)))
            refusal = Problems.BadRequest(instance, "The address holds control characters (such as NUL).");
        if (refusal is null) { await next(ctx); return; }
        ctx.Response.StatusCode = refusal.StatusCode;
        ctx.Response.ContentType = refusal.ContentType;
        ctx.Response.Headers.CacheControl = "no-store";
        await ctx.Response.WriteAsync(refusal.Body, Encoding.UTF8, ctx.RequestAborted);
    });

    private static bool JsonTextProblem(string text) => text.Any(char.IsControl);
}
