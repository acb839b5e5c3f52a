namespace ShortSentences.App.ServiceBus;

/// <summary>
/// Configuration section "ServiceBus" (app settings ServiceBus__X; infra/main.bicep sets them). With no namespace the
/// consumer does not start (locally the storage queue stands in). Scaling is described in docs/service-bus.md.
/// </summary>
public sealed class ServiceBusConsumerOptions
{
    /// <summary>e.g. ssj-bus-abc.servicebus.windows.net; reached with the app's managed identity (no SAS keys).</summary>
    public string? FullyQualifiedNamespace { get; set; }

    public string TopicName { get; set; } = "hmpps-domain-events";

    public string SubscriptionName { get; set; } = "short-sentence-journeys";

    /// <summary>Events handled at once per instance. Events for one person may then be applied out of order; the
    /// journeys order by occurredAt and drop repeats by event id, so that is safe.</summary>
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>Messages fetched ahead; kept at about 2× MaxConcurrentCalls so prefetched locks do not expire unread.</summary>
    public int PrefetchCount { get; set; } = 16;

    /// <summary>How long the processor keeps renewing a message's lock while it is being applied.</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(5);
}
