namespace ShortSentences.Runtime;

/// <summary>
/// Names of the tables and queues one runtime uses, and its limits. Table names are letters and digits only
/// (Azure's rule); a <paramref name="Prefix"/> lets several runtimes share one storage account (benchmarks, tests).
/// </summary>
public sealed record RuntimeOptions(string Prefix = "")
{
    public string JourneysTable => Table("journeys");
    public string DueTable => Table("due");
    public string OutboxPendingTable => Table("outboxpending");
    public string RemindersSentTable => Table("reminderssent");
    public string LocalSinkTable => Table("localsink");

    public string EventsQueue => Queue("journey-events");
    public string EventsDeadQueue => Queue("journey-events-dead");
    public string RemindersQueue => Queue("reminders");
    public string RemindersDeadQueue => Queue("reminders-dead");

    /// <summary>Deliveries of one message before it is dead-lettered (the issue says 5).</summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>Largest event message accepted; bigger ones are dead-lettered as oversized. Fits one history property.</summary>
    public int MaxEventChars { get; init; } = 30_000;

    /// <summary>Optimistic-concurrency retries of one step before it gives up (the message is then redelivered).</summary>
    public int MaxStepAttempts { get; init; } = 20;

    /// <summary>After a failed delivery the message is retried after this delay times its delivery count.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages an event worker takes per receive (1-32); each is hidden while the batch is processed.</summary>
    public int ReceiveBatch { get; init; } = 32;

    /// <summary>How long a received message stays hidden from other workers while it is processed.</summary>
    public TimeSpan Visibility { get; init; } = TimeSpan.FromSeconds(30);

    private string Table(string name) => Prefix.Length == 0 ? name : Prefix.ToLowerInvariant() + name;
    private string Queue(string name) => Prefix.Length == 0 ? name : Prefix.ToLowerInvariant() + "-" + name;
}
