using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ShortSentences.App.ServiceBus;

/// <summary>
/// Receives the subscription for as long as the app runs (ARCHITECTURE D5: the Service Bus trigger extension is not
/// served, so this is not a trigger and nothing scales it out or wakes it: docs/service-bus.md says which plans keep
/// it receiving). Peek-lock with auto-complete off: <see cref="DomainEventConsumer"/> settles every message itself.
/// </summary>
public sealed class ServiceBusDomainEventProcessor(ServiceBusProcessor processor, DomainEventConsumer consumer,
    ServiceBusConsumerOptions options, ILogger<ServiceBusDomainEventProcessor> log) : IHostedService, IAsyncDisposable
{
    public static ServiceBusProcessorOptions ProcessorOptions(ServiceBusConsumerOptions options) => new()
    {
        AutoCompleteMessages = false,
        ReceiveMode = ServiceBusReceiveMode.PeekLock,
        MaxConcurrentCalls = options.MaxConcurrentCalls,
        PrefetchCount = options.PrefetchCount,
        MaxAutoLockRenewalDuration = options.MaxAutoLockRenewalDuration,
    };

    public async Task StartAsync(CancellationToken ct)
    {
        processor.ProcessMessageAsync += OnMessageAsync;
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(ct);
        log.LogInformation("Receiving HMPPS domain events from {Namespace} {Topic}/{Subscription}",
            options.FullyQualifiedNamespace, options.TopicName, options.SubscriptionName);
    }

    public Task StopAsync(CancellationToken ct) => processor.StopProcessingAsync(ct);

    /// <summary>The processor's message handler: one message, one settlement.</summary>
    public Task OnMessageAsync(ProcessMessageEventArgs args) =>
        consumer.HandleAsync(new ServiceBusDomainEventMessage(args), args.CancellationToken);

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        // Connection and lock-renewal failures; the processor retries by itself. A failed settlement lands here too,
        // and the message is then redelivered when its lock expires.
        log.LogWarning(args.Exception, "Service Bus {Source} on {Entity} failed", args.ErrorSource, args.EntityPath);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => processor.DisposeAsync();
}
