using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using ShortSentences.Storage.Http;

namespace ShortSentences.Storage.Queues;

/// <summary>The Queue service REST API for one queue; messages travel as XML with base64 text.</summary>
public sealed class QueueClient : IQueueClient
{
    /// <summary>The service's limit on a message as sent (after base64): 64 KiB.</summary>
    public const int MaxEncodedMessageLength = 64 * 1024;
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal QueueClient(HttpPipeline pipeline, Uri endpoint, string name)
    {
        QueueServiceClient.ValidateQueueName(name);
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = name;
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = StorageCall.Create(_pipeline, RequestMethod.Put, _endpoint, Name);
        await StorageCall.SendAsync(_pipeline, message, $"Create queue {Name}", ct, 201, 204).ConfigureAwait(false);
    }

    public async Task DeleteIfExistsAsync(CancellationToken ct = default)
    {
        using var message = StorageCall.Create(_pipeline, RequestMethod.Delete, _endpoint, Name);
        await StorageCall.SendAsync(_pipeline, message, $"Delete queue {Name}", ct, 204, 404).ConfigureAwait(false);
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        using var message = StorageCall.Create(_pipeline, RequestMethod.Delete, _endpoint, Name + "/messages");
        await StorageCall.SendAsync(_pipeline, message, $"Clear queue {Name}", ct, 204).ConfigureAwait(false);
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken ct = default)
    {
        using var message = StorageCall.Create(_pipeline, RequestMethod.Get, _endpoint, Name);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await StorageCall.SendAsync(_pipeline, message, $"Count queue {Name}", ct, 200).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var n) ? int.Parse(n!, CultureInfo.InvariantCulture) : 0;
    }

    public async Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken ct = default)
    {
        var body = MessageBody(text);
        if (visibilityDelay is { } d && (d < TimeSpan.Zero || d > MaxVisibility))
            throw new ArgumentOutOfRangeException(nameof(visibilityDelay), d, "The visibility delay must be between 0 and 7 days.");
        if (timeToLive is { } ttl && ttl != Timeout.InfiniteTimeSpan && ttl < TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(timeToLive), ttl, "The time to live must be at least 1 second, or infinite.");
        if (visibilityDelay is { } vd && timeToLive is { } tl && tl != Timeout.InfiniteTimeSpan && vd >= tl)
            throw new ArgumentOutOfRangeException(nameof(visibilityDelay), vd, "The visibility delay must be shorter than the time to live.");

        using var message = StorageCall.Create(_pipeline, RequestMethod.Post, _endpoint, Name + "/messages");
        if (visibilityDelay is { } delay) message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay));
        if (timeToLive is { } life) message.Request.Uri.AppendQuery("messagettl", life == Timeout.InfiniteTimeSpan ? "-1" : Seconds(life));
        StorageCall.SetBody(message, "application/xml; charset=utf-8", body);
        var response = await StorageCall.SendAsync(_pipeline, message, $"Send to queue {Name}", ct, 201).ConfigureAwait(false);
        var m = Messages(response.Content.ToString()).Single();
        return new SendReceipt(m.Value("MessageId"), m.Value("PopReceipt"), m.Time("InsertionTime"), m.Time("ExpirationTime"), m.Time("TimeNextVisible"));
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken ct = default)
    {
        if (maxMessages is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "Receive takes 1 to 32 messages.");
        if (visibilityTimeout is { } v && (v < TimeSpan.FromSeconds(1) || v > MaxVisibility))
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), v, "The visibility timeout must be between 1 second and 7 days.");
        using var message = StorageCall.Create(_pipeline, RequestMethod.Get, _endpoint, Name + "/messages");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        if (visibilityTimeout is { } vt) message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(vt));
        var response = await StorageCall.SendAsync(_pipeline, message, $"Receive from queue {Name}", ct, 200).ConfigureAwait(false);
        return Messages(response.Content.ToString())
            .Select(m => new QueueMessage(m.Value("MessageId"), m.Value("PopReceipt"), long.Parse(m.Value("DequeueCount"), CultureInfo.InvariantCulture),
                DecodeText(m.Value("MessageText")), m.Time("InsertionTime"), m.Time("ExpirationTime"), m.Time("TimeNextVisible")))
            .ToList();
    }

    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken ct = default)
    {
        if (maxMessages is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, "Peek takes 1 to 32 messages.");
        using var message = StorageCall.Create(_pipeline, RequestMethod.Get, _endpoint, Name + "/messages");
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        var response = await StorageCall.SendAsync(_pipeline, message, $"Peek queue {Name}", ct, 200).ConfigureAwait(false);
        return Messages(response.Content.ToString())
            .Select(m => new PeekedMessage(m.Value("MessageId"), long.Parse(m.Value("DequeueCount"), CultureInfo.InvariantCulture),
                DecodeText(m.Value("MessageText")), m.Time("InsertionTime"), m.Time("ExpirationTime")))
            .ToList();
    }

    public async Task DeleteAsync(string messageId, string popReceipt, CancellationToken ct = default)
    {
        using var message = StorageCall.Create(_pipeline, RequestMethod.Delete, _endpoint, MessagePath(messageId));
        message.Request.Uri.AppendQuery("popreceipt", RequireReceipt(popReceipt));
        await StorageCall.SendAsync(_pipeline, message, $"Delete message {messageId} from queue {Name}", ct, 204).ConfigureAwait(false);
    }

    public async Task<UpdateReceipt> UpdateAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newText = null, CancellationToken ct = default)
    {
        if (visibilityTimeout < TimeSpan.Zero || visibilityTimeout > MaxVisibility)
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), visibilityTimeout, "The visibility timeout must be between 0 and 7 days.");
        var body = newText is null ? null : MessageBody(newText);
        using var message = StorageCall.Create(_pipeline, RequestMethod.Put, _endpoint, MessagePath(messageId));
        message.Request.Uri.AppendQuery("popreceipt", RequireReceipt(popReceipt));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        if (body is not null) StorageCall.SetBody(message, "application/xml; charset=utf-8", body);
        var response = await StorageCall.SendAsync(_pipeline, message, $"Update message {messageId} in queue {Name}", ct, 204).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var receipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var next);
        return new UpdateReceipt(receipt ?? throw new StorageRequestException(response.Status, null, "The service returned no pop receipt."),
            ParseTime(next ?? throw new StorageRequestException(response.Status, null, "The service returned no next-visible time.")));
    }

    /// <summary>The XML body for a message; refuses text whose base64 form exceeds the 64 KiB message limit.</summary>
    internal static byte[] MessageBody(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] utf8;
        try { utf8 = new UTF8Encoding(false, true).GetBytes(text); }
        catch (EncoderFallbackException) { throw new ArgumentException("The message text contains an unpaired surrogate.", nameof(text)); }
        var encodedLength = (utf8.Length + 2) / 3 * 4;
        if (encodedLength > MaxEncodedMessageLength)
            throw new ArgumentException(
                $"The message is {utf8.Length} bytes ({encodedLength} once base64-encoded); a queue message may be at most {MaxEncodedMessageLength} bytes encoded (48 KiB of text). Store large payloads in a table and send a reference.",
                nameof(text));
        var xml = new XElement("QueueMessage", new XElement("MessageText", Convert.ToBase64String(utf8)));
        return Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting));
    }

    private string MessagePath(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return $"{Name}/messages/{Uri.EscapeDataString(messageId)}";
    }

    private static string RequireReceipt(string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        return popReceipt;
    }

    private static string DecodeText(string base64)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64)); }
        catch (FormatException) { return base64; } // written by a client that does not base64-encode
    }

    private static string Seconds(TimeSpan t) => ((long)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<XElement> Messages(string xml) =>
        XDocument.Parse(xml).Root?.Elements("QueueMessage") ?? [];

    internal static DateTimeOffset ParseTime(string rfc1123) =>
        DateTimeOffset.Parse(rfc1123, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

internal static class QueueXml
{
    public static string Value(this XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"The queue service's response has no {name}.");

    public static DateTimeOffset Time(this XElement message, string name) => QueueClient.ParseTime(message.Value(name));
}
