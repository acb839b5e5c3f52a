using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ShortSentences.App.Http;

/// <summary>
/// What every HTTP function call goes through, however it arrived: the key check, the body limit, the content type,
/// and a last line of defence that turns any unforeseen failure into a problem document without internals.
/// </summary>
public sealed class ApiPipeline(KeyPolicy keys, ILogger<ApiPipeline> log, StorageOutage? outage = null)
{
    public KeyPolicy Keys => keys;

    public async Task<ApiResponse> InvokeAsync(FunctionRoute route, ApiRequest request, CancellationToken ct)
    {
        if (!keys.Allows(route.Access, request)) return Problems.Unauthorized(request.Path);
        if (request.Body.Length > RequestLimits.MaxBodyBytes) return Problems.TooLarge(request.Path, RequestLimits.MaxBodyBytes);
        if (!request.Body.IsEmpty && !IsJson(request.Header("Content-Type"))) return Problems.UnsupportedMediaType(request.Path);
        try
        {
            return await route.Handler(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Problems.Unavailable(request.Path, "The request was cancelled before it completed.");
        }
        catch (Api.JourneyNotYetDecided e)
        {
            log.LogWarning("{Function}: journey {Journey} has not decided the event yet; the caller is told to send it again", route.FunctionName, e.JourneyId);
            return Problems.Unavailable(request.Path,
                $"The event is kept in journey {e.JourneyId}'s inbox and will be applied, but the journey has not decided it yet. Send the same event again shortly for the outcome.");
        }
        catch (Exception ex)
        {
            var correlationId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            // Within a known outage any failure counts as storage not being back yet (its tables not recreated yet).
            if (!StorageOutage.IsStorageUnreachable(ex) && outage?.IsDown != true)
            {
                log.LogError(ex, "{Function} failed (correlation id {CorrelationId})", route.FunctionName, correlationId);
                return Problems.Unexpected(request.Path, correlationId);
            }
            // Storage down: one line for the whole outage (StorageOutage), not a stack trace per request.
            if (outage is null) log.LogError(ex, "{Function} failed (correlation id {CorrelationId})", route.FunctionName, correlationId);
            else
            {
                outage.Report(route.FunctionName, ex);
                log.LogDebug("{Function}: storage not answering (correlation id {CorrelationId})", route.FunctionName, correlationId);
            }
            return Problems.Unavailable(request.Path, "Journey storage is not answering; nothing was changed. Try again shortly.", correlationId);
        }
    }

    /// <summary>JSON, or no content type at all (curl's default is form-encoded, so that one is refused).</summary>
    public static bool IsJson(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType)
        || contentType.Split(';')[0].Trim() is var media
           && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
               || media.Equals("text/json", StringComparison.OrdinalIgnoreCase));
}
