namespace ShortSentences.Staff.Notify;

/// <summary>
/// A GOV.UK Notify API key: "{key_name}-{service_id}-{secret_key}", the last two being 36-character UUIDs. The key
/// name may itself contain hyphens, so both UUIDs are taken from the end.
/// </summary>
public sealed record NotifyApiKey(string ServiceId, string SecretKey)
{
    private const int UuidLength = 36;

    public static NotifyApiKey Parse(string? apiKey)
    {
        var key = apiKey?.Trim() ?? "";
        // Never echo the key: it is a secret.
        if (key.Length < 2 * UuidLength + 1)
            throw new FormatException("the GOV.UK Notify API key is too short: expected {key_name}-{service_id}-{secret_key}");
        var secret = key[^UuidLength..];
        var service = key[^(2 * UuidLength + 1)..^(UuidLength + 1)];
        if (key[^(UuidLength + 1)] != '-' || !Guid.TryParseExact(secret, "D", out _) || !Guid.TryParseExact(service, "D", out _))
            throw new FormatException("the GOV.UK Notify API key does not end with a service id and a secret key (two UUIDs)");
        return new NotifyApiKey(service, secret);
    }

    public override string ToString() => $"NotifyApiKey(service {ServiceId})";
}
