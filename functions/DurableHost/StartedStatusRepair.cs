using System.Text;
using Azure;
using Azure.Data.Tables;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace ShortSentences.DurableHost;

/// <summary>
/// Mends the engine's status row of an instance that runs but reads <c>Pending</c>. The Azure Storage provider writes an
/// episode's history before its instance row, and sets the row's status only from the episode's own events (a start,
/// a completion, a suspension): a host killed between the two writes of an instance's first episode leaves the row
/// <c>Pending</c>, the start delivered again is dropped as a duplicate (<see cref="ReconcilingOrchestrationService"/>),
/// and no later episode writes the status again until the journey next continues as new. The fault test found such
/// journeys, running and taking events, reported <c>Pending</c>. When a second start is dropped, this sets the row to
/// the status the history shows, under the ETag it was read with (a row written meanwhile wins).
/// </summary>
public sealed class StartedStatusRepair(TableClient instances, ILogger log)
{
    /// <summary>The provider's instance table of a task hub, as it names it.</summary>
    public static string InstancesTable(string taskHub) => taskHub + "Instances";

    public async Task MendAsync(string instanceId, OrchestrationRuntimeState state, CancellationToken ct)
    {
        if (state.OrchestrationStatus is not (OrchestrationStatus.Running or OrchestrationStatus.Suspended)
            || state.OrchestrationInstance?.ExecutionId is not { } execution) return;
        try
        {
            var key = PartitionKey(instanceId);
            var row = await instances.GetEntityIfExistsAsync<TableEntity>(key, "", ["RuntimeStatus"], ct);
            if (!row.HasValue || row.Value!.GetString("RuntimeStatus") != nameof(OrchestrationStatus.Pending)) return;
            var mended = new TableEntity(key, "")
            {
                ["RuntimeStatus"] = state.OrchestrationStatus.ToString(),
                ["ExecutionId"] = execution,
            };
            await instances.UpdateEntityAsync(mended, row.Value.ETag, TableUpdateMode.Merge, ct);
            log.LogWarning("{Instance}: its status row read Pending while its history runs; set to {Status}", instanceId, state.OrchestrationStatus);
        }
        catch (RequestFailedException x) when (x.Status == 412) { /* written meanwhile: that write is newer */ }
        catch (Exception x) when (x is not OperationCanceledException)
        {
            // Only the reported status is at stake, never the journey: the next start dropped, or continuing as new, mends it.
            log.LogWarning(x, "{Instance}: could not mend its status row", instanceId);
        }
    }

    /// <summary>
    /// The provider's partition key for an instance id (DurableTask.AzureStorage's KeySanitation, internal there):
    /// '^' doubled, '/', '\', '#', '?' as ^0 to ^3, control characters as '^' and the character shifted by U+00C0.
    /// </summary>
    public static string PartitionKey(string instanceId)
    {
        var b = new StringBuilder(instanceId.Length);
        foreach (var c in instanceId)
        {
            switch (c)
            {
                case '^': b.Append("^^"); break;
                case '/': b.Append("^0"); break;
                case '\\': b.Append("^1"); break;
                case '#': b.Append("^2"); break;
                case '?': b.Append("^3"); break;
                case <= '\u001F' or (>= '\u007F' and <= '\u009F'): b.Append('^').Append((char)('\u00C0' + c)); break;
                default: b.Append(c); break;
            }
        }
        return b.ToString();
    }
}
