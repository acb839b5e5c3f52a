using ShortSentences.Journeys.Durable;

namespace ShortSentences.Runtime.Reminders;

/// <summary>
/// Where reminders go (GOV.UK Notify in production, <see cref="TableReminderSink"/> locally).
/// Contract: idempotent by <see cref="ReminderCommand.IdempotencyKey"/>. The runtime delivers each command at least once
/// (a worker can die after the send and before recording it), so a second call with a key already sent must not send
/// a second message. A Notify sink meets this by sending the key as the notification's <c>reference</c> and asking
/// Notify for notifications with that reference before sending.
/// </summary>
public interface IReminderSink
{
    Task<ReminderDelivery> Send(ReminderCommand command, CancellationToken ct);
}

public enum ReminderDelivery { Sent, AlreadySent }
