using System.Globalization;
using NodaTime;

namespace ShortSentences.Runtime.Storage;

/// <summary>
/// Row and partition keys. Table keys may not contain / \ # ? or control characters, and our client also refuses '%'
/// (Azure can decode it twice), so ids are escaped: each such character, and '~' itself, becomes ~XXXX (its hex code).
/// </summary>
public static class JourneyKeys
{
    public const string StateRow = "state";

    public static string Escape(string id)
    {
        var b = new System.Text.StringBuilder(id.Length);
        foreach (var c in id)
            if (c is '/' or '\\' or '#' or '?' or '%' or '~' || char.IsControl(c)) b.Append('~').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else b.Append(c);
        return b.ToString();
    }

    public static string Unescape(string key) =>
        System.Text.RegularExpressions.Regex.Replace(key, "~([0-9A-F]{4})",
            m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    public static string History(long seq) => $"h-{seq:D10}";
    public const string HistoryFrom = "h-";
    public const string HistoryTo = "h.";

    public static string Parked(long n) => $"p-{n:D10}";

    public static string Timer(string timerId) => "t-" + Escape(timerId);
    public const string TimersFrom = "t-";
    public const string TimersTo = "t.";

    public static string Outbox(string idempotencyKey) => "o-" + Escape(idempotencyKey);
    public const string OutboxFrom = "o-";
    public const string OutboxTo = "o.";

    public static string Inbox(string eventId) => "i-" + Escape(eventId);

    /// <summary>Minute buckets of the due-deadline index, in an order that sorts as text.</summary>
    public static string DueBucket(Instant instant) =>
        instant.ToDateTimeUtc().ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static Instant BucketStart(string bucket) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(
            DateTime.ParseExact(bucket, "yyyyMMddHHmm", CultureInfo.InvariantCulture), DateTimeKind.Utc));

    public static string NextBucket(string bucket) => DueBucket(BucketStart(bucket) + Duration.FromMinutes(1));

    public static string DueRow(Instant due, string journeyId, string timerId) =>
        $"{due.ToUnixTimeTicks():D19}-{Escape(journeyId)}-{Escape(timerId)}";

    public static string DueRowUpTo(Instant now) => $"{now.ToUnixTimeTicks() + 1:D19}";
}
