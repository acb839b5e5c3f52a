using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime.Workers;

/// <summary>
/// Moves a message that cannot be processed to its dead-letter queue with a readable reason, then deletes it, so it
/// never blocks the queue. A worker dying between the two leaves a second copy for redelivery (at least once).
/// </summary>
public static class DeadLetter
{
    private const int KeptChars = 16_000;

    public static async Task Move(IRuntimeQueues queues, string from, string to, ReceivedMessage message, string reason,
        Instant now, CancellationToken ct)
    {
        var letter = new JsonObject
        {
            ["reason"] = reason,
            ["messageId"] = message.MessageId,
            ["queue"] = from,
            ["dequeueCount"] = message.DequeueCount,
            ["deadLetteredAt"] = InstantPattern.ExtendedIso.Format(now),
            ["message"] = message.Text.Length <= KeptChars ? message.Text : message.Text[..KeptChars],
            ["truncated"] = message.Text.Length > KeptChars,
        };
        await queues.Send(to, letter.ToJsonString(), ct);
        await queues.Delete(from, message, ct);
    }
}
