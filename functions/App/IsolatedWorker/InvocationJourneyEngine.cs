using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using ShortSentences.App.Journeys.Durable;
using ShortSentences.Orchestration.Client;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.App.IsolatedWorker;

/// <summary>
/// The journeys' engine under the Functions host. The host's Durable extension runs the orchestrations and their
/// activities; what the app holds is a client, and the host hands it over per invocation, as a function's
/// <c>[DurableClient]</c> binding. A function that drives journeys runs its work inside <see cref="WithClientAsync"/>,
/// and the operations it calls find that invocation's client here.
/// </summary>
public sealed class InvocationJourneyEngine(JourneyInbox inbox, JourneyRecords records, TableServiceClient tables,
    JourneyStoreOptions store, TimeProvider clock) : IJourneyEngine
{
    private static readonly AsyncLocal<JourneyClient?> Current = new();

    /// <summary>Runs <paramref name="work"/> with <paramref name="durable"/> as the journeys' client.</summary>
    public async Task<T> WithClientAsync<T>(DurableTaskClient durable, Func<Task<T>> work)
    {
        // Set inside this async method, so it flows into the work and is gone when the invocation returns.
        Current.Value = new JourneyClient(durable, inbox, records, tables.GetTableClient(store.ControlsTable), clock);
        return await work();
    }

    public Task<JourneyClient> ClientAsync(CancellationToken ct) => Current.Value is { } client
        ? Task.FromResult(client)
        : throw new InvalidOperationException("This function has no [DurableClient] binding: a function that drives journeys runs inside InvocationJourneyEngine.WithClientAsync.");
}
