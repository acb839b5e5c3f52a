using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Staff.People;

namespace ShortSentences.Staff.Reminders;

/// <summary>
/// Delivers the journeys' reminder commands: resolves the recipient, claims the idempotency key in the delivery log
/// (so a redelivered command is never sent twice), then sends at once or holds the reminder for the daily digest,
/// and records the outcome (including Notify's failure) against the reminder.
/// </summary>
public sealed class ReminderDelivery(
    IReminderChannel channel,
    IDeliveryLog log,
    StaffDirectory directory,
    ReminderOptions options,
    TimeProvider clock)
{
    public async Task<DeliveryRecord> DeliverAsync(ReminderCommand command, CancellationToken cancellationToken = default) =>
        (await DeliverOnceAsync(command, cancellationToken)).Record;

    /// <summary>
    /// As <see cref="DeliverAsync"/>, and says whether an earlier delivery had already dealt with the key (what the
    /// runtime's sink reports as "already sent").
    /// </summary>
    public async Task<(DeliveryRecord Record, bool AlreadyHandled)> DeliverOnceAsync(ReminderCommand command, CancellationToken cancellationToken = default)
    {
        var (handledNow, record) = await Deliver(command, cancellationToken);
        return (record, !handledNow);
    }

    private async Task<(bool HandledNow, DeliveryRecord Record)> Deliver(ReminderCommand command, CancellationToken cancellationToken)
    {
        var recipient = RecipientResolution.Resolve(command, directory);
        var now = Now();
        var (claimed, claim, before) = await log.TryClaimAsync(new DeliveryRecord(command, DeliveryStatus.Sending, now,
            recipient?.Email, recipient?.Name, recipient?.StaffId, channel.Name), now - NodaTime.Duration.FromTimeSpan(options.ClaimTimeout), cancellationToken);
        if (!claimed)
            return (false, claim);

        // The last claimant stopped between sending and recording: if the e-mail went, record it rather than resend.
        if (before is DeliveryStatus.Sending && await channel.FindSentAsync(command.IdempotencyKey, cancellationToken) is { } sentId)
            return (false, await Save(claim with { Status = DeliveryStatus.Sent, NotificationId = sentId }, cancellationToken));

        if (recipient is null)
        {
            var unknown = new ChannelFailure(null, "NoRecipient",
                $"nobody in the staff directory for {command.RecipientRole} '{command.Recipient}' in PDU '{command.Pdu}'", Permanent: true);
            return (true, await Save(claim with { Status = DeliveryStatus.Failed, Failure = unknown }, cancellationToken));
        }

        if (DigestPolicy.HoldsForDigest(command, recipient, options.DigestMode))
            return (true, await Save(claim with { Status = DeliveryStatus.WaitingForDigest }, cancellationToken));

        EmailMessage message;
        try
        {
            message = ReminderEmail.For(command, recipient, options);
        }
        catch (InvalidOperationException e)
        {
            // A missing template is a configuration fault: keep the reminder retryable for when it is fixed.
            var config = new ChannelFailure(null, "Configuration", e.Message, Permanent: false);
            return (true, await Save(claim with { Status = DeliveryStatus.FailedWillRetry, Failure = config }, cancellationToken));
        }

        var result = await channel.SendEmailAsync(message, cancellationToken);
        var attempts = claim.Attempts + result.Attempts;
        var outcome = result switch
        {
            { Sent: true } => claim with { Status = DeliveryStatus.Sent, NotificationId = result.NotificationId },
            { Failure.Permanent: true } => claim with { Status = DeliveryStatus.Failed, Failure = result.Failure },
            _ => claim with { Status = DeliveryStatus.FailedWillRetry, Failure = result.Failure },
        };
        return (true, await Save(outcome with { Attempts = attempts }, cancellationToken));
    }

    private async Task<DeliveryRecord> Save(DeliveryRecord record, CancellationToken cancellationToken)
    {
        var saved = record with { UpdatedAt = Now() };
        await log.SaveAsync(saved, cancellationToken);
        return saved;
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}

/// <summary>
/// Digest policy: with digests on (for everyone, or for practitioners who asked), reminders to a named member of staff
/// wait for one e-mail a day. Escalations never wait: an SPO is told the day a case is escalated. PDU mailboxes are
/// not people and get each reminder as it comes.
/// </summary>
public static class DigestPolicy
{
    public static bool HoldsForDigest(ReminderCommand command, ResolvedRecipient recipient, DigestMode mode) =>
        command.Kind != ReminderKind.Escalation
        && recipient.StaffId is not null
        && mode switch
        {
            DigestMode.All => true,
            DigestMode.PerPractitioner => recipient.WantsDigest,
            _ => false,
        };
}
