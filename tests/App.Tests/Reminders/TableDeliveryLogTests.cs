using NodaTime;
using ShortSentences.App.Journeys;
using ShortSentences.Staff.Reminders;
using ShortSentences.TestSupport;
using Xunit;
using static ShortSentences.App.Tests.Reminders.DeliveryLogSupport;

namespace ShortSentences.App.Tests.Reminders;

/// <summary>The table delivery log keeps InMemoryDeliveryLog's contract, on real Azurite.</summary>
public sealed class TableDeliveryLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string table = NewTable();
    private static readonly Instant T0 = At(Start);

    private static DeliveryRecord Sending(Instant at, string task = "initial-assessment") =>
        new(Reminder(task), DeliveryStatus.Sending, at, "priya.patel@probation.example.gov.uk", "Priya Patel", "com-patel", "counting-notify");

    [Fact]
    public async Task A_reminder_is_claimed_once_and_a_second_claim_is_refused_with_the_first_claim_returned()
    {
        var log = Worker(azurite, table);

        var first = await log.TryClaimAsync(Sending(T0), T0 - Duration.FromMinutes(10));
        var second = await Worker(azurite, table).TryClaimAsync(Sending(T0 + Duration.FromSeconds(1)), T0 - Duration.FromMinutes(10));

        Assert.True(first.Claimed);
        Assert.Null(first.Before);
        Assert.False(second.Claimed);
        Assert.Equal(DeliveryStatus.Sending, second.Before);
        Assert.Equal(first.Record, second.Record);
    }

    [Fact]
    public async Task A_reminder_that_failed_transiently_is_claimed_again_keeping_its_attempt_count()
    {
        var log = Worker(azurite, table);
        await log.TryClaimAsync(Sending(T0), T0);
        await log.SaveAsync(Sending(T0) with { Status = DeliveryStatus.FailedWillRetry, Attempts = 3,
            Failure = new ChannelFailure(503, "Exception", "Service unavailable", false) });

        var again = await log.TryClaimAsync(Sending(T0 + Duration.FromMinutes(1)), T0);

        Assert.True(again.Claimed);
        Assert.Equal(DeliveryStatus.FailedWillRetry, again.Before);
        Assert.Equal(3, again.Record.Attempts);
        Assert.Equal(DeliveryStatus.Sending, (await log.AllAsync()).Single().Status);
    }

    [Fact]
    public async Task A_sending_claim_is_refused_while_fresh_and_taken_over_once_stale()
    {
        var log = Worker(azurite, table);
        await log.TryClaimAsync(Sending(T0), T0);

        var whileFresh = await log.TryClaimAsync(Sending(T0 + Duration.FromMinutes(5)), staleBefore: T0);
        var onceStale = await log.TryClaimAsync(Sending(T0 + Duration.FromMinutes(11)), staleBefore: T0 + Duration.FromSeconds(1));

        Assert.False(whileFresh.Claimed);
        Assert.True(onceStale.Claimed);
        Assert.Equal(DeliveryStatus.Sending, onceStale.Before);
        Assert.Equal(T0 + Duration.FromMinutes(11), onceStale.Record.UpdatedAt);
    }

    [Fact]
    public async Task A_sent_reminder_is_never_claimed_again_however_old()
    {
        var log = Worker(azurite, table);
        await log.TryClaimAsync(Sending(T0), T0);
        await log.SaveAsync(Sending(T0) with { Status = DeliveryStatus.Sent, NotificationId = "n-1" });

        var later = await log.TryClaimAsync(Sending(T0 + Duration.FromDays(30)), T0 + Duration.FromDays(29));

        Assert.False(later.Claimed);
        Assert.Equal("n-1", later.Record.NotificationId);
    }

    [Fact]
    public async Task Of_two_workers_reclaiming_the_same_stale_claim_the_one_whose_write_lands_second_is_refused()
    {
        var log = Worker(azurite, table);
        await log.TryClaimAsync(Sending(T0), T0);
        var staleBefore = T0 + Duration.FromMinutes(1);
        var rival = Worker(azurite, table);
        Claim? rivals = null;
        var loser = InterleavedWorker(azurite, table,
            async () => rivals = await rival.TryClaimAsync(Sending(T0 + Duration.FromMinutes(20)), staleBefore));

        var lost = await loser.TryClaimAsync(Sending(T0 + Duration.FromMinutes(21)), staleBefore);

        Assert.True(rivals!.Claimed);
        Assert.False(lost.Claimed);
        Assert.Equal(rivals.Record, lost.Record);
        Assert.Equal(T0 + Duration.FromMinutes(20), (await log.AllAsync()).Single().UpdatedAt);
    }

    [Fact]
    public async Task A_digest_is_claimed_once_and_can_be_claimed_again_after_it_is_released()
    {
        var log = Worker(azurite, table);
        const string digest = "digest/com-patel/2026-03-09";

        Assert.True(await log.TryClaimDigestAsync(digest));
        Assert.False(await Worker(azurite, table).TryClaimDigestAsync(digest));
        await log.ReleaseDigestAsync(digest);
        await log.ReleaseDigestAsync(digest); // releasing twice gives nothing back twice, and does not fail
        Assert.True(await log.TryClaimDigestAsync(digest));
        Assert.Empty(await log.AllAsync()); // digest claims are not reminders
    }

    [Fact]
    public async Task Every_field_of_a_record_comes_back_from_the_table_as_it_was_saved()
    {
        var log = Worker(azurite, table);
        var saved = Sending(T0 + Duration.FromTicks(1234567), "bcst-part#1?") with
        {
            Status = DeliveryStatus.SentInDigest, NotificationId = "n-7", Attempts = 2, DigestReference = "digest/com-patel/2026-03-09",
            Failure = new ChannelFailure(null, "Configuration", "no template", false),
        };

        await log.SaveAsync(saved);

        Assert.Equal(saved, Assert.Single(await Worker(azurite, table).AllAsync()));
    }
}
