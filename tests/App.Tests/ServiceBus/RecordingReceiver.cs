using Azure.Messaging.ServiceBus;

namespace ShortSentences.App.Tests.ServiceBus;

/// <summary>
/// The SDK's receiver with its settlement calls recorded instead of sent (ServiceBusReceiver's protected constructor
/// and virtual methods exist for this), so a test sees exactly what the consumer told Service Bus.
/// </summary>
public sealed class RecordingReceiver : ServiceBusReceiver
{
    public List<string> Calls { get; } = [];

    public string? DeadLetterReason { get; private set; }

    public string? DeadLetterDescription { get; private set; }

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        Calls.Add($"complete {message.MessageId}");
        return Task.CompletedTask;
    }

    public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null,
        CancellationToken cancellationToken = default)
    {
        Calls.Add($"abandon {message.MessageId}");
        return Task.CompletedTask;
    }

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, string deadLetterReason, string? deadLetterErrorDescription = null,
        CancellationToken cancellationToken = default) =>
        Record(message, deadLetterReason, deadLetterErrorDescription);

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify,
        string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default) =>
        Record(message, deadLetterReason, deadLetterErrorDescription);

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null,
        CancellationToken cancellationToken = default) =>
        Record(message, null, null);

    public override Task DeferMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null,
        CancellationToken cancellationToken = default)
    {
        Calls.Add($"defer {message.MessageId}");
        return Task.CompletedTask;
    }

    private Task Record(ServiceBusReceivedMessage message, string? reason, string? description)
    {
        Calls.Add($"dead-letter {message.MessageId}");
        DeadLetterReason = reason;
        DeadLetterDescription = description;
        return Task.CompletedTask;
    }
}

/// <summary>The SDK's processor with no connection: the test hands it messages as the broker would.</summary>
public sealed class ManualProcessor : ServiceBusProcessor
{
    public bool Started { get; private set; }

    public override Task StartProcessingAsync(CancellationToken cancellationToken = default)
    {
        Started = true;
        return Task.CompletedTask;
    }

    public override Task StopProcessingAsync(CancellationToken cancellationToken = default)
    {
        Started = false;
        return Task.CompletedTask;
    }

    /// <summary>Delivers one message to the handler registered on the processor, as its receive loop does.</summary>
    public Task DeliverAsync(ProcessMessageEventArgs args) => OnProcessMessageAsync(args);
}
