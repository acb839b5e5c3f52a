using NodaTime;

namespace ShortSentences.Runtime.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(Instant start) : TimeProvider
{
    private Instant _now = start;

    public Instant Now => _now;

    public void Advance(Duration by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now.ToDateTimeOffset();
}
