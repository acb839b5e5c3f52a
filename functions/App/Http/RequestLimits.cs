namespace ShortSentences.App.Http;

/// <summary>Size limits. Request bodies are refused above 256 KB; a sentence or domain event is a few KB.</summary>
public static class RequestLimits
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>A host invocation wraps the body as a JSON string (escaping can grow it up to 6x) plus metadata.</summary>
    public const int MaxInvocationBytes = 8 * MaxBodyBytes;
}
