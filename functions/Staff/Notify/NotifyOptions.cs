namespace ShortSentences.Staff.Notify;

/// <summary>Configuration section "Staff:Notify".</summary>
public sealed class NotifyOptions
{
    /// <summary>The API key from Notify's "API integration" page; in Azure, a Key Vault reference.</summary>
    public string? ApiKey { get; set; }

    public Uri BaseUrl { get; set; } = new("https://api.notifications.service.gov.uk");

    /// <summary>Retries after the first attempt, for rate limits (429) and Notify's own errors (5xx).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; each next one doubles (1 s, 2 s, 4 s, 8 s by default).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
