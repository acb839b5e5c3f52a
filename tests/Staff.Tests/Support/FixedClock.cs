namespace ShortSentences.Staff.Tests.Support;

/// <summary>A clock that says what the test tells it; timers (retry delays) still run in real time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
