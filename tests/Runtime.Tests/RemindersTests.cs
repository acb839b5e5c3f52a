using NodaTime;
using ShortSentences.Runtime.Workers;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Runtime.Tests;

public sealed class RemindersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    [Fact]
    public async Task A_reminder_raised_by_a_step_is_sent_once_even_when_its_queue_message_is_delivered_twice()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await h.Send("e1", "J-1", "Open", RuntimeHarness.Open("X1"));
        await h.Send("e2", "J-1", "Add", RuntimeHarness.Add("X1", 3)); // a multiple of 3 raises a reminder
        await h.DrainEvents();

        var queued = await h.Queues.Peek(h.Options.RemindersQueue, 32, default);
        var message = Assert.Single(queued);
        await h.Queues.Send(h.Options.RemindersQueue, message, default); // as after a crash before the delete
        await h.DrainReminders();

        var sent = Assert.Single(await h.Sink.Sent(default));
        Assert.Equal("J-1/add/3", sent.IdempotencyKey);
        Assert.Equal("X1", sent.Crn);
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.RemindersQueue, default));
    }

    [Fact]
    public async Task Commands_left_in_an_outbox_by_a_crash_are_dispatched_by_the_sweep()
    {
        var clock = new ManualClock(Start);
        var h = await RuntimeHarness.Create(azurite, clock);
        using var doc = System.Text.Json.JsonDocument.Parse(RuntimeHarness.Open("X2").ToJsonString());
        await h.Runtime.Deliver("J-2", "e1", "Open", doc.RootElement, h.Codec.ParseEvent("Open", doc.RootElement).Event!, default);
        using var add = System.Text.Json.JsonDocument.Parse(RuntimeHarness.Add("X2", 6).ToJsonString());
        // Stepped without the worker's inline dispatch, as if the worker died right after the commit.
        await h.Runtime.Deliver("J-2", "e2", "Add", add.RootElement, h.Codec.ParseEvent("Add", add.RootElement).Event!, default);

        Assert.Equal(0, await h.Dispatcher.Sweep(default)); // too fresh: left to the step that raised it
        clock.Advance(OutboxDispatcher.SweepAfter.Plus(Duration.FromSeconds(1)));
        Assert.Equal(1, await h.Dispatcher.Sweep(default));
        Assert.Equal(0, await h.Dispatcher.Sweep(default));
        await h.DrainReminders();

        Assert.Equal(["J-2/add/6"], (await h.Sink.Sent(default)).Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task The_local_sink_refuses_to_send_a_key_twice()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        var command = new Journeys.Durable.ReminderCommand("J-9/x", "J-9", "X9", "x", "rule", Journeys.Durable.ReminderKind.Overdue,
            Journeys.Durable.RecipientRole.Com, "com@example.gov.uk", "PDU1", new LocalDate(2026, 3, 2), "why", Start);

        Assert.Equal(Reminders.ReminderDelivery.Sent, await h.Sink.Send(command, default));
        Assert.Equal(Reminders.ReminderDelivery.AlreadySent, await h.Sink.Send(command, default));
        Assert.Single(await h.Sink.Sent(default));
    }

    [Fact]
    public async Task A_copy_of_a_sent_reminder_that_went_round_too_often_is_dropped_but_an_unsent_one_is_dead_lettered()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await h.Send("e1", "J-3", "Open", RuntimeHarness.Open("X3"));
        await h.Send("e2", "J-3", "Add", RuntimeHarness.Add("X3", 3));
        await h.DrainEvents();
        var text = Assert.Single(await h.Queues.Peek(h.Options.RemindersQueue, 32, default));
        await h.DrainReminders();
        Assert.Single(await h.Sink.Sent(default));

        // The same command again, as a copy that workers killed while holding it took past the delivery limit.
        await h.Queues.Send(h.Options.RemindersQueue, text, default);
        var tooOften = Assert.Single(await h.Queues.Receive(h.Options.RemindersQueue, 1, TimeSpan.FromSeconds(30), default));
        await h.Sender.Handle(tooOften with { DequeueCount = h.Options.MaxDeliveries + 1 }, default);
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.RemindersQueue, default));
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.RemindersDeadQueue, default));
        Assert.Single(await h.Sink.Sent(default));

        // A command never sent that went round as often is given up and kept where someone can read it.
        var unsent = text.Replace("J-3/add/3", "J-3/add/9", StringComparison.Ordinal);
        Assert.NotEqual(text, unsent);
        await h.Queues.Send(h.Options.RemindersQueue, unsent, default);
        var stuck = Assert.Single(await h.Queues.Receive(h.Options.RemindersQueue, 1, TimeSpan.FromSeconds(30), default));
        await h.Sender.Handle(stuck with { DequeueCount = h.Options.MaxDeliveries + 1 }, default);
        Assert.Equal(1, await h.Queues.ApproximateCount(h.Options.RemindersDeadQueue, default));
        Assert.Single(await h.Sink.Sent(default));
    }
}
