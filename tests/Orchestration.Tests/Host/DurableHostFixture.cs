using Microsoft.Extensions.DependencyInjection;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Storage;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// A local durable host (gRPC sidecar over the Azure Storage provider) on a real Azurite started on free ports, with
/// its own task hub and table prefix, plus the raw-path orchestrations that show the engine's own behaviour.
/// </summary>
public class DurableHostFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    public LocalDurableHost Host { get; private set; } = null!;
    public DurableHostOptions Options { get; private set; } = null!;
    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>Another decider for this host's journeys (e.g. a shifted clock), or null for the journeys' own.</summary>
    protected virtual IDecider<JourneyState, JourneyEvent, JourneyFact>? Decider() => null;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var decider = Decider();
        Options = new DurableHostOptions(_azurite.ConnectionString, TaskHub: name)
        {
            Store = new JourneyStoreOptions(name),
            Tasks = RawPathOrchestrations.Register,
        };
        if (decider is not null) Options = Options with { Decider = decider };
        Host = await LocalDurableHost.StartAsync(Options);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public JourneyRecords Records => Host.Services.GetRequiredService<JourneyRecords>();
    public JourneyIndexTable Index => Host.Services.GetRequiredService<JourneyIndexTable>();
    public ReminderOutbox Reminders => Host.Services.GetRequiredService<ReminderOutbox>();

    /// <summary>Polls until <paramref name="done"/> holds (a bound on waiting, not a speed assertion).</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(150);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DurableHostCollection : ICollectionFixture<DurableHostFixture>
{
    public const string Name = "local durable host";
}
