namespace ShortSentences.Staff.Reminders;

/// <summary>One e-mail as GOV.UK Notify takes it. <paramref name="Reference"/> is our idempotency key.</summary>
public sealed record EmailMessage(
    string TemplateId,
    string EmailAddress,
    IReadOnlyDictionary<string, object> Personalisation,
    string Reference);

/// <summary>What happened to one e-mail: sent (with the channel's id for it) or failed, and whether to try again later.</summary>
public sealed record ChannelResult(bool Sent, string? NotificationId, int Attempts, ChannelFailure? Failure)
{
    public static ChannelResult Success(string notificationId, int attempts) => new(true, notificationId, attempts, null);
    public static ChannelResult Failed(ChannelFailure failure, int attempts) => new(false, null, attempts, failure);
}

/// <summary>
/// A failure as Notify reports it. <paramref name="Permanent"/> failures (400, 403, daily limit) will fail again if
/// repeated; transient ones (rate limit, 5xx, network) had their retries and may be tried on a later delivery.
/// </summary>
public sealed record ChannelFailure(int? StatusCode, string Error, string Message, bool Permanent);

/// <summary>Sends e-mails: GOV.UK Notify in Azure, a local sink in development.</summary>
public interface IReminderChannel
{
    string Name { get; }

    Task<ChannelResult> SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// The id of a notification already sent with this reference, or null. Asked before re-sending a reminder whose
    /// earlier delivery stopped between sending and recording (a worker that died), so it is not sent twice.
    /// </summary>
    Task<string?> FindSentAsync(string reference, CancellationToken cancellationToken = default);
}
