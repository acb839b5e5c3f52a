using ShortSentences.Runtime;
using ShortSentences.Runtime.Reminders;
using ShortSentences.Runtime.Samples;
using ShortSentences.Runtime.Storage;
using ShortSentences.Runtime.Workers;
using ShortSentences.Storage;
using ShortSentences.Storage.Queues;
using ShortSentences.Storage.Tables;

// usage: ShortSentences.Runtime.Worker CONNECTION_STRING PREFIX
// Runs the event worker, timer step, outbox sweep and reminder sender for the counting journey until killed.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ShortSentences.Runtime.Worker CONNECTION_STRING PREFIX");
    return 2;
}
var account = StorageAccount.Parse(args[0]);
var tables = new StorageTablesAdapter(new TableServiceClient(account));
var queues = new StorageQueuesAdapter(new QueueServiceClient(account));
// The fault test kills a worker every few seconds, far more often than anything real: a message in hand at five kills
// would be taken for a poison message (one that keeps killing its worker), so these workers allow ten deliveries.
var options = new RuntimeOptions(args[1])
{
    ReceiveBatch = 16, Visibility = TimeSpan.FromSeconds(5), RetryBackoff = TimeSpan.FromMilliseconds(200), MaxDeliveries = 10,
};
var clock = TimeProvider.System;
var runtime = new JourneyRuntime<CountingState, CountingEvent, CountingFact>(
    new CountingDecider(), new CountingCodec(), tables, clock, options);
var sink = new TableReminderSink(tables, options, clock);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
Console.WriteLine("ready");
await new RuntimeWorkers<CountingState, CountingEvent, CountingFact>(runtime, tables, queues, sink, clock)
{
    TimerInterval = TimeSpan.FromMilliseconds(200),
    SweepInterval = TimeSpan.FromSeconds(1),
    Parallelism = 8,
}.Run(stop.Token);
return 0;
