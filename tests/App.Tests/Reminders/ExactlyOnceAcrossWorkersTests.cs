using ShortSentences.Staff.Reminders;
using ShortSentences.TestSupport;
using Xunit;
using static ShortSentences.App.Tests.Reminders.DeliveryLogSupport;

namespace ShortSentences.App.Tests.Reminders;

/// <summary>
/// Reminders through <see cref="ReminderDelivery"/> with the table log, as separate workers and restarted workers see
/// it: each worker has its own log instance and storage client; only the table and Notify are shared.
/// </summary>
public sealed class ExactlyOnceAcrossWorkersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string table = NewTable();
    private readonly FixedClock clock = new(Start);

    private ReminderDelivery WorkerDelivery(IReminderChannel notify) =>
        new(notify, Worker(azurite, table), Directory(), Options(), clock);

    [Fact]
    public async Task The_same_reminder_delivered_by_two_workers_at_once_is_sent_once()
    {
        var notify = new CountingNotify(sendTime: TimeSpan.FromMilliseconds(150));
        var tasks = new[] { "initial-assessment", "bcst-part-1", "home-visit" };

        foreach (var task in tasks)
        {
            var results = await Task.WhenAll(
                Task.Run(() => WorkerDelivery(notify).DeliverOnceAsync(Reminder(task))),
                Task.Run(() => WorkerDelivery(notify).DeliverOnceAsync(Reminder(task))));
            Assert.Single(results, r => !r.AlreadyHandled);
        }

        Assert.Equal(tasks.Length, notify.Sends);
        var records = await Worker(azurite, table).AllAsync();
        Assert.Equal(tasks.Length, records.Count);
        Assert.All(records, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
    }

    [Fact]
    public async Task A_worker_that_crashed_after_sending_leaves_a_claim_that_a_restarted_worker_settles_by_asking_Notify_not_by_resending()
    {
        var notify = new CountingNotify { CrashAfterSend = true };
        await Assert.ThrowsAsync<WorkerCrashed>(() => WorkerDelivery(notify).DeliverAsync(Reminder()));
        notify.CrashAfterSend = false;

        // Restarted within the claim timeout: the claim still stands, so nobody sends or asks yet.
        clock.Now = Start.AddMinutes(5);
        var tooSoon = await WorkerDelivery(notify).DeliverOnceAsync(Reminder());
        Assert.True(tooSoon.AlreadyHandled);
        Assert.Equal(DeliveryStatus.Sending, tooSoon.Record.Status);
        Assert.Equal(0, notify.Lookups);

        // After the timeout a restarted worker (a new log instance) finds the claim, asks Notify, and records the send.
        clock.Now = Start.AddMinutes(11);
        var settled = await WorkerDelivery(notify).DeliverOnceAsync(Reminder());

        Assert.Equal(1, notify.Sends);
        Assert.Equal(1, notify.Lookups);
        Assert.Equal(DeliveryStatus.Sent, settled.Record.Status);
        Assert.Equal("notification-1", settled.Record.NotificationId);
        Assert.Equal(DeliveryStatus.Sent, (await Worker(azurite, table).AllAsync()).Single().Status);
    }

    [Fact]
    public async Task A_worker_that_crashed_before_Notify_took_the_email_leaves_a_claim_that_a_restarted_worker_sends_once()
    {
        var notify = new CountingNotify();
        var crashedWorker = Worker(azurite, table);
        // What a worker leaves when it dies after claiming and before Notify answers.
        await crashedWorker.TryClaimAsync(new DeliveryRecord(Reminder(), DeliveryStatus.Sending, At(Start),
            "priya.patel@probation.example.gov.uk", "Priya Patel", "com-patel", notify.Name), At(Start));

        clock.Now = Start.AddMinutes(11);
        var settled = await WorkerDelivery(notify).DeliverOnceAsync(Reminder());

        Assert.Equal(1, notify.Lookups);
        Assert.Equal(1, notify.Sends);
        Assert.False(settled.AlreadyHandled);
        Assert.Equal(DeliveryStatus.Sent, settled.Record.Status);
    }
}
