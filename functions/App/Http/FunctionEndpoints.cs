using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ShortSentences.App.Http;

/// <summary>
/// The API on the app's own web host (local mode): <c>/api/...</c> goes to the <see cref="ApiGateway"/>, as each
/// HTTP-triggered function's request does under the Functions host. Other paths (the staff pages) fall through.
/// </summary>
public static class FunctionEndpoints
{
    public static void UseFunctionEndpoints(this WebApplication app)
    {
        var gateway = app.Services.GetRequiredService<ApiGateway>();
        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path.Value ?? "/";
            if (path.Equals("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            {
                await gateway.ServeAsync(ctx);
                return;
            }
            await next(ctx);
        });
    }
}
