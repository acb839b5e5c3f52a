using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using NodaTime;
using ShortSentences.App.Journeys;
using ShortSentences.Journeys.Durable;
using ShortSentences.Orchestration.Storage;
using ShortSentences.Staff.People;
using ShortSentences.Staff.Reminders;
using ShortSentences.TestSupport;

namespace ShortSentences.App.Tests.Reminders;

/// <summary>Shared pieces for the table delivery log's tests: a table per test, a COM to remind, a channel that counts.</summary>
internal static class DeliveryLogSupport
{
    public static readonly DateTimeOffset Start = new(2026, 3, 9, 6, 0, 5, TimeSpan.Zero);

    /// <summary>A log on its own storage client, as a separate worker process would have.</summary>
    public static TableDeliveryLog Worker(AzuriteFixture azurite, string table) =>
        new(StorageClients.From(azurite.ConnectionString).Tables.GetTableClient(table));

    /// <summary>A log whose first read of a row is followed, before it answers, by <paramref name="competitor"/>.</summary>
    public static TableDeliveryLog InterleavedWorker(AzuriteFixture azurite, string table, Func<Task> competitor)
    {
        var options = StorageClients.TableOptions();
        options.AddPolicy(new InterleavingPolicy(competitor), HttpPipelinePosition.PerCall);
        return new(new TableServiceClient(azurite.ConnectionString, options).GetTableClient(table));
    }

    public static string NewTable() => AzuriteFixture.UniqueTableName("deliveries");

    public static StaffDirectory Directory() => new(
        [new StaffMember("com-patel", "Priya Patel", "priya.patel@probation.example.gov.uk", "LDN-LEW", StaffRole.Practitioner)],
        [new DeliveryUnit("LDN-LEW", "Lewisham", "lewisham@probation.example.gov.uk")]);

    public static ReminderOptions Options() => new()
    {
        Templates = new(StringComparer.OrdinalIgnoreCase) { ["Overdue"] = "11111111-0000-4000-8000-000000000003" },
        PublicBaseUrl = "https://staff.example.gov.uk",
        ClaimTimeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>An overdue reminder; its key has '/' (and '#' if asked) as the journeys' keys do, so escaping is exercised.</summary>
    public static ReminderCommand Reminder(string task = "initial-assessment") =>
        new($"J-X777519-S1/{task}/overdue", "J-X777519-S1", "X777519", task, $"release.{task}", ReminderKind.Overdue,
            RecipientRole.Com, "com-patel", "LDN-LEW", new LocalDate(2026, 3, 6),
            "Initial assessment and sentence plan within 15 working days of release (local default)",
            Instant.FromUtc(2026, 3, 9, 6, 0));

    public static Instant At(DateTimeOffset t) => Instant.FromDateTimeOffset(t);
}

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Stands in for GOV.UK Notify's memory: counts every e-mail sent, answers look-ups by reference from what it sent,
/// and can hold each send for a while (so two workers overlap) or "crash" after sending, before the log records it.
/// Shared by the workers of a test, as Notify is.
/// </summary>
public sealed class CountingNotify(TimeSpan sendTime = default) : IReminderChannel
{
    private readonly ConcurrentDictionary<string, string> sentByReference = new();
    private int sends;
    private int lookups;

    public int Sends => Volatile.Read(ref sends);
    public int Lookups => Volatile.Read(ref lookups);
    public bool CrashAfterSend { get; set; }
    public string Name => "counting-notify";

    public async Task<ChannelResult> SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref sends);
        if (sendTime > TimeSpan.Zero) await Task.Delay(sendTime, cancellationToken);
        var id = $"notification-{n}";
        sentByReference.TryAdd(message.Reference, id);
        if (CrashAfterSend) throw new WorkerCrashed();
        return ChannelResult.Success(id, 1);
    }

    public Task<string?> FindSentAsync(string reference, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref lookups);
        return Task.FromResult(sentByReference.TryGetValue(reference, out var id) ? id : null);
    }
}

/// <summary>The worker process dying between Notify accepting the e-mail and the log recording it.</summary>
public sealed class WorkerCrashed() : Exception("worker stopped mid-send");

/// <summary>
/// Runs <paramref name="competitor"/> once, after this client's first read of a row has its answer and before the
/// caller sees it: a lost race on demand, between the log's read and its write.
/// </summary>
public sealed class InterleavingPolicy(Func<Task> competitor) : HttpPipelinePolicy
{
    private int reads;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method == RequestMethod.Get && Interlocked.Increment(ref reads) == 1) await competitor();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("the delivery log is asynchronous");
}
