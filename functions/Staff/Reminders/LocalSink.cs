using System.Collections.Concurrent;
using NodaTime;

namespace ShortSentences.Staff.Reminders;

/// <summary>An e-mail kept by the local sink instead of being sent.</summary>
public sealed record SinkedEmail(string NotificationId, Instant At, EmailMessage Message);

/// <summary>
/// Local mode's channel: keeps every e-mail in memory so the staff pages can show it; needs no Notify key.
/// Like Notify it does not de-duplicate by reference, so duplicates would be visible here.
/// </summary>
public sealed class LocalSink(TimeProvider clock) : IReminderChannel
{
    private readonly ConcurrentQueue<SinkedEmail> emails = new();
    private int sequence;

    public string Name => "local sink";

    public IReadOnlyList<SinkedEmail> Emails => emails.ToArray();

    public Task<ChannelResult> SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var id = $"local-{Interlocked.Increment(ref sequence):D6}";
        emails.Enqueue(new SinkedEmail(id, Instant.FromDateTimeOffset(clock.GetUtcNow()), message));
        return Task.FromResult(ChannelResult.Success(id, 1));
    }

    public Task<string?> FindSentAsync(string reference, CancellationToken cancellationToken = default) =>
        Task.FromResult(emails.FirstOrDefault(e => e.Message.Reference == reference)?.NotificationId);
}
