using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.DurableHost;

/// <summary>
/// How a local durable host is set up. <see cref="ConnectionString"/> names the storage account (Azurite locally,
/// Shared Key); <see cref="TaskHub"/> keeps the engine's tables, queues and leases apart from other hubs in it.
/// </summary>
public sealed record DurableHostOptions(string ConnectionString, string TaskHub = "journeys")
{
    /// <summary>The product's own tables and queues (the journeys' inbox, history, index, reminders).</summary>
    public JourneyStoreOptions Store { get; init; } = new();

    /// <summary>The sidecar's loopback port; 0 takes a free one (read it back from <see cref="LocalDurableHost.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>The longest the engine's queues sleep when idle: the latest a timer or event can be noticed late.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How soon work a host took and never finished (it was killed) is seen by another host, or by itself restarted:
    /// the engine's partition leases expire after this, and its queue messages reappear after it (unless
    /// <see cref="MessageVisibility"/> says otherwise). The engine's own defaults (30 s leases, 5 min for control
    /// messages) suit a fleet; one local process restarted after a crash would sit idle for minutes. Activities and
    /// turns take far less than this, so none is run twice for being slow.
    /// </summary>
    public TimeSpan RecoveryInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a queue message the engine took stays hidden (by default <see cref="RecoveryInterval"/>): after a
    /// crash, the messages the dead host held come back after this. The provider never renews a control-queue message
    /// while its episode runs or while it waits behind a busy instance, so this must be longer than any such wait: a
    /// message that reappears while it is still held is taken again by the same host and its delete refused
    /// (PopReceiptMismatch), and under load that repeats and feeds itself (the bench with 15 s: a round of journeys
    /// fell from 28 to 4 events a second). Longer is slower to recover: with 30 s, a journey whose activity message
    /// Azurite had restored as taken was not back within the 30 s a sender waits for an answer (StorageCrashTests).
    /// </summary>
    public TimeSpan? MessageVisibility { get; init; }

    /// <summary>
    /// Who holds the hub's partition leases. One per host: two hosts in one process (a test's app restarted) or two
    /// processes must not take each other's leases for their own.
    /// </summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Orchestration and activity work items the worker runs at once.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Control queues (partitions) of the hub: orchestrations are spread over them.</summary>
    public int Partitions { get; init; } = 4;

    /// <summary>More orchestrators or activities (benchmarks, tests of the engine itself).</summary>
    public Action<DurableTaskRegistry>? Tasks { get; init; }

    /// <summary>More services for the activities (e.g. another <see cref="IJourneyProjection"/>).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>
    /// The read model the journeys project into (the function app's own index); by default the engine's
    /// <see cref="JourneyIndexTable"/>.
    /// </summary>
    public Func<IServiceProvider, IJourneyProjection>? Projection { get; init; }

    /// <summary>The journeys' rules (the product's decider; a shifted clock for timer benchmarks and tests).</summary>
    public IDecider<JourneyState, JourneyEvent, JourneyFact> Decider { get; init; } = new JourneyDecider();

    /// <summary>Turns a journey's execution takes before it continues as new (see <c>JourneyOrchestration</c>).</summary>
    public int TurnsPerExecution { get; init; } = ShortSentences.Orchestration.Loop.JourneyOrchestration.TurnsPerExecution;

    /// <summary>The least severe log entry of the engine and worker that is written (to standard error).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>The clock for the client side (control records); orchestrations use their own clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
