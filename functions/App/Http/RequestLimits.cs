namespace ShortSentences.App.Http;

/// <summary>Size limits. Request bodies are refused above 256 KB; a sentence or domain event is a few KB.</summary>
public static class RequestLimits
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Kestrel's body limit, above ours so that our refusal (a problem document) comes first.</summary>
    public const int MaxServerBodyBytes = 8 * MaxBodyBytes;

    /// <summary>The longest path and query we accept (a continuation token is under 1 KB).</summary>
    public const int MaxUrlChars = 4 * 1024;

    /// <summary>All request headers together.</summary>
    public const int MaxHeaderChars = 16 * 1024;

    /// <summary>Kestrel's limits, set above ours so that our refusal (a problem document) comes first.</summary>
    public const int ServerMaxRequestLineBytes = 64 * 1024;
    public const int ServerMaxHeaderBytes = 96 * 1024;
}
