using NodaTime;
using NodaTime.Text;

namespace ShortSentences.Orchestration.Loop;

/// <summary>
/// The journey's own time. Inside an orchestration time is the engine's (<c>context.CurrentUtcDateTime</c>, the same
/// on every replay); but what is due, and when a fact happened, are judged by the product's clock, the
/// <see cref="TimeProvider"/> the function app is given (ARCHITECTURE D6). Every inbox item carries the sender's
/// clock reading, and the journey learns from it how far that clock is from the engine's: an event is decided at the
/// instant it was sent, and between events the journey's time runs on from there with the engine's. Under a test's or
/// a demonstration's clock the offset is whatever that clock says. A reading behind the engine by less than
/// <see cref="DeliveryAllowance"/> is the same clock read earlier (in Azure both are the system clock): the gap is how
/// long the event took to reach the journey, so it teaches no offset and the event is decided on the engine's time.
/// Learned as an offset, that gap held the journey's clock behind real time for as long as the journey took no other
/// event: 30 journeys whose first turn waited 24 s behind a starting engine all fired their timers 24 s late by the
/// real clock, on time by their own (the bench, 2 Dec). Time never goes back: a reading older than what the journey
/// has already seen changes the offset but not "now".
/// <para>
/// Ticks, not NodaTime types, because the value crosses ContinueAsNew in the engine's own JSON.
/// </para>
/// </summary>
public sealed record JourneyClock(long OffsetTicks = 0, long LatestTicks = long.MinValue)
{
    public static JourneyClock Engine { get; } = new();

    /// <summary>
    /// The longest an event is taken to have been on its way: a sender's reading further behind the engine than this
    /// is a clock set in the past (a test's, a demonstration's), not a delivery.
    /// </summary>
    public static readonly Duration DeliveryAllowance = Duration.FromHours(1);

    private Duration Offset => Duration.FromTicks(OffsetTicks);

    /// <summary>The journey's time when the engine's clock reads <paramref name="engine"/>.</summary>
    public Instant Now(Instant engine)
    {
        var shifted = engine + Offset;
        return LatestTicks != long.MinValue && Instant.FromUnixTimeTicks(LatestTicks) > shifted ? Instant.FromUnixTimeTicks(LatestTicks) : shifted;
    }

    /// <summary>
    /// The clock after an item stamped <paramref name="at"/> (the sender's ISO-8601 reading) reached the journey at
    /// engine time <paramref name="engine"/>; "now" from then on is at least that reading. An unreadable or missing
    /// stamp teaches nothing.
    /// </summary>
    public JourneyClock Learn(string? at, Instant engine)
    {
        if (at is null || !InstantPattern.ExtendedIso.Parse(at).TryGetValue(default, out var reading)) return this;
        // Only instants the journey has used count as "seen": the engine's own time, under an offset not yet learned,
        // is not the product's time and must not hold the journey's clock ahead of the reading.
        var offset = reading - engine;
        if (offset <= Duration.Zero && -offset < DeliveryAllowance) offset = Duration.Zero;
        return new JourneyClock(offset.BclCompatibleTicks, Math.Max(LatestTicks, reading.ToUnixTimeTicks()));
    }

    /// <summary>The journey's time <paramref name="now"/> as seen and kept, so later turns never go back before it.</summary>
    public JourneyClock Seen(Instant now) =>
        now.ToUnixTimeTicks() > LatestTicks ? this with { LatestTicks = now.ToUnixTimeTicks() } : this;

    /// <summary>The engine instant at which the journey's clock reaches <paramref name="journeyTime"/> (for a durable timer).</summary>
    public Instant EngineTime(Instant journeyTime) => journeyTime - Offset;

    public static string Stamp(Instant reading) => InstantPattern.ExtendedIso.Format(reading);
}
