using System.Text.Json;
using NodaTime;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Runtime.Tests;

public sealed class DeadLetterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static async Task<List<JsonElement>> DeadLetters(RuntimeHarness h, string queue)
    {
        var letters = await h.Queues.Peek(queue, 32, default);
        return letters.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task Bad_messages_go_to_the_dead_letter_queue_with_a_readable_reason_and_do_not_hold_up_good_ones()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await h.Queues.Send(h.Options.EventsQueue, "this is not json {", default);
        await h.Send("u1", "J-1", "Teleported", RuntimeHarness.Open("X1"));
        await h.Send("m1", "J-1", "Open", new System.Text.Json.Nodes.JsonObject { ["name"] = "no crn here" });
        await h.Queues.Send(h.Options.EventsQueue,
            EventEnvelope.Write("big", "J-1", "Add", new System.Text.Json.Nodes.JsonObject
            {
                ["crn"] = "X1", ["amount"] = 1, ["padding"] = new string('x', 40_000),
            }), default);
        await h.Send("good", "J-1", "Open", RuntimeHarness.Open("X1"));

        await h.DrainEvents();

        Assert.Equal(1, (await h.Runtime.Load("J-1", default)).Sequence);
        var reasons = (await DeadLetters(h, h.Options.EventsDeadQueue)).Select(l => l.GetProperty("reason").GetString()!).ToList();
        Assert.Equal(4, reasons.Count);
        Assert.Contains(reasons, r => r.StartsWith("not JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("unknown event type 'Teleported'", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("missing person", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("oversized", StringComparison.Ordinal));
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.EventsQueue, default));
    }

    [Fact]
    public async Task A_dead_letter_keeps_the_original_message_for_whoever_repairs_it()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await h.Send("u1", "J-1", "Teleported", RuntimeHarness.Open("X1"));
        await h.DrainEvents();

        var letter = Assert.Single(await DeadLetters(h, h.Options.EventsDeadQueue));
        using var original = JsonDocument.Parse(letter.GetProperty("message").GetString()!);
        Assert.Equal("u1", original.RootElement.GetProperty("eventId").GetString());
        Assert.Equal(h.Options.EventsQueue, letter.GetProperty("queue").GetString());
        Assert.Equal(1, letter.GetProperty("dequeueCount").GetInt64());
    }

    [Fact]
    public async Task An_event_whose_step_keeps_failing_is_dead_lettered_after_five_deliveries()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start),
            new RuntimeOptions(RuntimeHarness.NewPrefix()) { RetryBackoff = TimeSpan.Zero, Visibility = TimeSpan.FromSeconds(1) });
        // An Arm whose timer id has 200 characters fits the body but not a table key: the step fails every time.
        await h.Send("open", "J-1", "Open", RuntimeHarness.Open("X1"));
        await h.Send("e2", "J-1", "Arm", RuntimeHarness.Arm("X1", new string('t', 2000), Start));

        for (var i = 0; i < 40 && await h.Queues.ApproximateCount(h.Options.EventsQueue, default) > 0; i++)
        {
            await h.Events.PollOnce(default);
            await Task.Delay(100);
        }

        var letter = Assert.Single(await DeadLetters(h, h.Options.EventsDeadQueue));
        Assert.StartsWith("event e2: failed 5 times", letter.GetProperty("reason").GetString());
        Assert.Equal(1, (await h.Runtime.Load("J-1", default)).Sequence);
    }
}
