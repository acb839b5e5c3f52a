using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Runtime.Reminders;
using ShortSentences.Runtime.Samples;
using ShortSentences.Runtime.Storage;
using ShortSentences.Runtime.Workers;
using ShortSentences.Storage;
using ShortSentences.Storage.Queues;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;

namespace ShortSentences.Runtime.Tests;

/// <summary>The counting journey's runtime on Azurite, with tables and queues of its own (a fresh prefix per test).</summary>
public sealed class RuntimeHarness
{
    public RuntimeHarness(StorageAccount account, TimeProvider clock, RuntimeOptions? options = null)
    {
        Tables = new StorageTablesAdapter(new TableServiceClient(account));
        Queues = new StorageQueuesAdapter(new QueueServiceClient(account));
        Clock = clock;
        Options = options ?? new RuntimeOptions(NewPrefix()) { RetryBackoff = TimeSpan.Zero, Visibility = TimeSpan.FromSeconds(30) };
        Runtime = new JourneyRuntime<CountingState, CountingEvent, CountingFact>(new CountingDecider(), Codec, Tables, clock, Options);
        Sink = new TableReminderSink(Tables, Options, clock);
        Dispatcher = new OutboxDispatcher(Tables, Queues, Options, clock);
        Events = new EventWorker<CountingState, CountingEvent, CountingFact>(Runtime, Queues, Dispatcher, clock);
        Timers = new TimerWorker<CountingState, CountingEvent, CountingFact>(Runtime, Dispatcher, clock);
        Sender = new ReminderSender(Tables, Queues, Sink, Options, clock);
    }

    public static string NewPrefix() => "r" + Guid.NewGuid().ToString("N")[..10];

    public static async Task<RuntimeHarness> Create(AzuriteFixture azurite, TimeProvider clock, RuntimeOptions? options = null)
    {
        var h = new RuntimeHarness(azurite.Account, clock, options);
        await RuntimeWorkers<CountingState, CountingEvent, CountingFact>.EnsureStorage(h.Runtime, h.Tables, h.Queues, default);
        return h;
    }

    public CountingCodec Codec { get; } = new();
    public StorageTablesAdapter Tables { get; }
    public StorageQueuesAdapter Queues { get; }
    public TimeProvider Clock { get; }
    public RuntimeOptions Options { get; }
    public JourneyRuntime<CountingState, CountingEvent, CountingFact> Runtime { get; }
    public TableReminderSink Sink { get; }
    public OutboxDispatcher Dispatcher { get; }
    public EventWorker<CountingState, CountingEvent, CountingFact> Events { get; }
    public TimerWorker<CountingState, CountingEvent, CountingFact> Timers { get; }
    public ReminderSender Sender { get; }

    public Task Send(string eventId, string journeyId, string type, JsonObject body) =>
        Queues.Send(Options.EventsQueue, EventEnvelope.Write(eventId, journeyId, type, body), default);

    /// <summary>Runs the event worker until the events queue is empty.</summary>
    public async Task DrainEvents()
    {
        while (await Events.PollOnce(default) > 0) { }
    }

    public async Task DrainReminders()
    {
        while (await Sender.PollOnce(default) > 0) { }
    }

    public static JsonObject Open(string crn) => new() { ["crn"] = crn };
    public static JsonObject Add(string crn, long amount) => new() { ["crn"] = crn, ["amount"] = amount };
    public static JsonObject Arm(string crn, string timerId, Instant due) =>
        new() { ["crn"] = crn, ["timerId"] = timerId, ["dueAt"] = InstantPattern.ExtendedIso.Format(due) };
    public static JsonObject Disarm(string crn, string timerId) => new() { ["crn"] = crn, ["timerId"] = timerId };
}
