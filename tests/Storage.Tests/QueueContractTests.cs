using ShortSentences.Storage.Queues;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>Queue messages against Azurite: at-least-once delivery, visibility, time to live, size limit.</summary>
public sealed class QueueContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>Receives until a message arrives or the deadline passes (visibility is coarse: whole seconds).</summary>
    private static async Task<QueueMessage?> ReceiveWithinAsync(QueueClient queue, TimeSpan within, TimeSpan? visibility = null)
    {
        var deadline = DateTime.UtcNow + within;
        do
        {
            var got = await queue.ReceiveAsync(1, visibility);
            if (got.Count > 0) return got[0];
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return null;
    }

    [Fact]
    public async Task A_sent_message_is_received_once_with_its_text_and_is_gone_after_delete()
    {
        var queue = await azurite.NewQueueAsync("basic");
        const string text = "{\"crn\":\"A123456\",\"note\":\"Zoë <b>&amp;</b> 😀\"}";
        var receipt = await queue.SendAsync(text);

        var message = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(2)));
        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal(text, message.Text);
        Assert.Equal(1, message.DequeueCount);
        Assert.Empty(await queue.ReceiveAsync(32));

        await queue.DeleteAsync(message.MessageId, message.PopReceipt);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // past the visibility timeout: undeleted, it would be back
        Assert.Empty(await queue.ReceiveAsync(32));
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task A_message_not_deleted_within_its_visibility_timeout_comes_back_with_dequeue_count_2()
    {
        var queue = await azurite.NewQueueAsync("redeliver");
        await queue.SendAsync("remind COM");
        // Two seconds rather than one so a stalled test host (CI is shared) cannot see it reappear before the next call.
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(2)));
        Assert.Empty(await queue.ReceiveAsync(1));

        var again = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        Assert.NotNull(again);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.NotEqual(first.PopReceipt, again.PopReceipt);

        var stale = await Assert.ThrowsAsync<StorageRequestException>(() => queue.DeleteAsync(first.MessageId, first.PopReceipt));
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        Assert.True(stale.IsMessageLeaseLost);
        await queue.DeleteAsync(again.MessageId, again.PopReceipt);
        var gone = await Assert.ThrowsAsync<StorageRequestException>(() => queue.DeleteAsync(again.MessageId, again.PopReceipt));
        Assert.Equal((404, "MessageNotFound"), (gone.Status, gone.ErrorCode));
        Assert.True(gone.IsMessageLeaseLost);
    }

    [Fact]
    public async Task A_message_sent_with_a_visibility_delay_stays_invisible_until_the_delay_passes()
    {
        var queue = await azurite.NewQueueAsync("delay");
        var receipt = await queue.SendAsync("due later", visibilityDelay: TimeSpan.FromSeconds(3));
        Assert.True(receipt.NextVisibleOn >= receipt.InsertedOn.AddSeconds(3));

        Assert.Empty(await queue.ReceiveAsync(32));
        Assert.Empty(await queue.PeekAsync(32));
        var later = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(8));
        Assert.NotNull(later);
        Assert.Equal("due later", later.Text);
        Assert.Equal(receipt.MessageId, later.MessageId);
    }

    [Fact]
    public async Task A_message_past_its_time_to_live_is_never_delivered()
    {
        var queue = await azurite.NewQueueAsync("ttl");
        var shortLived = await queue.SendAsync("stale", timeToLive: OneSecond);
        var forever = await queue.SendAsync("kept", timeToLive: Timeout.InfiniteTimeSpan);
        Assert.Equal(shortLived.InsertedOn.AddSeconds(1), shortLived.ExpiresOn);
        Assert.Equal(9999, forever.ExpiresOn.Year);

        await Task.Delay(TimeSpan.FromSeconds(2));
        var left = await queue.ReceiveAsync(32);
        Assert.Equal(["kept"], left.Select(m => m.Text));
    }

    [Fact]
    public async Task Updating_a_received_message_changes_its_text_and_visibility_and_retires_the_old_pop_receipt()
    {
        var queue = await azurite.NewQueueAsync("update");
        await queue.SendAsync("attempt 1");
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        var updated = await queue.UpdateAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, "attempt 2");
        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        var stale = await Assert.ThrowsAsync<StorageRequestException>(() => queue.DeleteAsync(received.MessageId, received.PopReceipt));
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);

        var again = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("attempt 2", again.Text);
        Assert.Equal(2, again.DequeueCount);

        var hidden = await queue.UpdateAsync(again.MessageId, again.PopReceipt, TimeSpan.FromSeconds(60));
        Assert.True(hidden.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Empty(await queue.PeekAsync());
        await queue.DeleteAsync(again.MessageId, hidden.PopReceipt);
    }

    [Fact]
    public async Task Peek_shows_messages_in_order_without_hiding_them_or_counting_a_delivery()
    {
        var queue = await azurite.NewQueueAsync("peek");
        foreach (var text in new[] { "first", "second", "third" }) await queue.SendAsync(text);

        var peeked = await queue.PeekAsync(32);
        Assert.Equal(["first", "second", "third"], peeked.Select(m => m.Text));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(3, (await queue.PeekAsync(32)).Count);
        Assert.Equal(3, await queue.GetApproximateCountAsync());

        var received = await queue.ReceiveAsync(2);
        Assert.Equal(["first", "second"], received.Select(m => m.Text));
        Assert.Equal(["third"], (await queue.PeekAsync(32)).Select(m => m.Text));

        await queue.ClearAsync();
        Assert.Empty(await queue.PeekAsync(32));
    }

    [Fact]
    public async Task A_message_over_64_KiB_encoded_is_refused_with_a_clear_error_and_one_at_the_limit_is_accepted()
    {
        var queue = await azurite.NewQueueAsync("size");
        var atLimit = new string('x', 48 * 1024); // base64 of 48 KiB is exactly 64 KiB
        await queue.SendAsync(atLimit);
        var received = Assert.Single(await queue.ReceiveAsync());
        Assert.Equal(atLimit, received.Text);
        await queue.DeleteAsync(received.MessageId, received.PopReceipt);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendAsync(atLimit + "x"));
        Assert.Contains("at most 65536 bytes", e.Message);
        var multiByte = new string('ë', 24 * 1024 + 1); // 2 bytes each in UTF-8: over 48 KiB
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendAsync(multiByte));
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Queue_create_is_idempotent_and_a_missing_queue_is_reported_as_QueueNotFound()
    {
        var queue = azurite.Queues.GetQueueClient(AzuriteFixture.UniqueQueueName("missing"));
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => queue.SendAsync("lost"));
        Assert.Equal(404, e.Status);
        Assert.Equal("QueueNotFound", e.ErrorCode);

        await queue.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("kept");
        Assert.Equal(1, await queue.GetApproximateCountAsync());
        await queue.DeleteIfExistsAsync();
        await queue.DeleteIfExistsAsync();
    }

    [Fact]
    public async Task Out_of_range_arguments_are_refused_before_any_request()
    {
        var queue = azurite.Queues.GetQueueClient(AzuriteFixture.UniqueQueueName("never"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendAsync("x", TimeSpan.FromDays(8)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendAsync("x", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PeekAsync(33));
        Assert.Throws<ArgumentException>(() => azurite.Queues.GetQueueClient("Upper-Case"));
        Assert.Throws<ArgumentException>(() => azurite.Queues.GetQueueClient("double--hyphen"));
    }
}
