using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Http;

namespace ShortSentences.App.CustomHandler;

/// <summary>
/// The custom-handler side of the host contract: the host POSTs <c>{"Data": ..., "Metadata": ...}</c> to
/// <c>/{FunctionName}</c> and reads <c>{"Outputs": ..., "Logs": [...], "ReturnValue": ...}</c> back. A non-2xx answer
/// fails the invocation (the host then retries triggers); an HTTP function always answers 200 here and carries its
/// real status in the <c>res</c> output. The local trigger runner calls this same class with the same payloads.
/// </summary>
public sealed class InvocationDispatcher(Router router, IEnumerable<TriggerFunction> triggers, ApiPipeline pipeline,
    ILogger<InvocationDispatcher> log, StorageOutage? outage = null)
{
    private readonly Dictionary<string, TriggerFunction> _triggers =
        triggers.ToDictionary(t => t.FunctionName, StringComparer.OrdinalIgnoreCase);

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public bool Knows(string functionName) => _triggers.ContainsKey(functionName) || router.ByFunctionName(functionName) is not null;

    public IReadOnlyCollection<TriggerFunction> Triggers => _triggers.Values;

    public async Task<InvocationAnswer> DispatchAsync(string functionName, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(payload, Options); }
        catch (JsonException) { return InvocationAnswer.Malformed(functionName, "The invocation payload is not JSON."); }
        using (doc)
        {
            var root = doc.RootElement;
            var data = InvocationValues.Property(root, "Data") ?? default;
            var metadata = InvocationValues.Property(root, "Metadata") ?? default;
            if (data.ValueKind != JsonValueKind.Object) return InvocationAnswer.Malformed(functionName, "The invocation has no 'Data' object.");

            if (router.ByFunctionName(functionName) is { } route) return await HttpAsync(route, data, ct);
            if (_triggers.TryGetValue(functionName, out var trigger)) return await TriggerAsync(trigger, data, metadata, ct);
            return InvocationAnswer.Malformed(functionName, $"There is no function named '{functionName}'.");
        }
    }

    private async Task<InvocationAnswer> HttpAsync(FunctionRoute route, JsonElement data, CancellationToken ct)
    {
        var req = InvocationValues.Property(data, "req")
                  ?? data.EnumerateObject().Select(p => (JsonElement?)p.Value).FirstOrDefault(v => v is { ValueKind: JsonValueKind.Object });
        var request = req is { } r ? HttpTriggerPayload.ToApiRequest(r) : null;
        ApiResponse response;
        if (request is null) response = Problems.BadRequest("/" + route.FunctionName, "The invocation carries no HTTP request.");
        else
        {
            var values = route.Match(request.Path) ?? ApiRequest.Empty;
            response = await pipeline.InvokeAsync(route, request with { RouteValues = values }, ct);
        }
        var outputs = new Dictionary<string, object?> { ["res"] = HttpTriggerPayload.ToOutput(response) };
        return InvocationAnswer.Ok(outputs, [$"{route.FunctionName}: {request?.Method} {request?.Path} -> {response.StatusCode}"]);
    }

    private async Task<InvocationAnswer> TriggerAsync(TriggerFunction trigger, JsonElement data, JsonElement metadata, CancellationToken ct)
    {
        try
        {
            // Cloned: the invocation outlives the payload's document if a handler keeps it.
            var result = await trigger.Handler(new TriggerInvocation(trigger.FunctionName, data.Clone(),
                metadata.ValueKind == JsonValueKind.Undefined ? EmptyObject : metadata.Clone()), ct);
            return result.Succeeded ? InvocationAnswer.Ok(new(), result.Logs) : InvocationAnswer.Failed(result.Logs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var correlationId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            // Storage down: the timer ticks and the queue deliveries fail until it is back; one line says so, not each.
            if (outage is not null && (StorageOutage.IsStorageUnreachable(ex) || outage.IsDown)) outage.Report(trigger.FunctionName, ex);
            else log.LogError(ex, "{Function} failed (correlation id {CorrelationId})", trigger.FunctionName, correlationId);
            return InvocationAnswer.Failed([$"{trigger.FunctionName} failed; correlation id {correlationId}"]);
        }
    }
}

/// <summary>The answer to the host: the HTTP status of the invocation call and its JSON body.</summary>
public sealed record InvocationAnswer(int StatusCode, string Body)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static InvocationAnswer Ok(Dictionary<string, object?> outputs, IReadOnlyList<string> logs) =>
        new(200, Serialize(outputs, logs));

    /// <summary>A trigger that should be retried by the host; the body still follows the contract.</summary>
    public static InvocationAnswer Failed(IReadOnlyList<string> logs) => new(500, Serialize(new(), logs));

    public static InvocationAnswer Malformed(string functionName, string why) =>
        new(400, Serialize(new(), [$"{functionName}: {why}"]));

    private static string Serialize(Dictionary<string, object?> outputs, IReadOnlyList<string> logs) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Outputs"] = outputs,
            ["Logs"] = logs,
            ["ReturnValue"] = null,
        });
}
