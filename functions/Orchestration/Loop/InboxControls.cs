namespace ShortSentences.Orchestration.Loop;

/// <summary>
/// An operator's hold on a journey, kept in the journey's own inbox beside its events rather than as the engine's
/// suspension. A hold is ordered with the events: every event taken into the inbox after it waits, undecided, and no
/// timer fires, until a release further on; then the waiting events are decided in their order. Done this way the hold
/// cannot race the engine (an activity already scheduled when a suspension arrives still runs and reads the inbox) and
/// it needs no wake-up to be delivered to a suspended instance, which the local sidecar does not do reliably.
/// </summary>
public static class InboxControls
{
    /// <summary>Inbox item type of a hold; its JSON is the <see cref="ControlNote"/>.</summary>
    public const string Hold = "journey-held";
    /// <summary>Inbox item type of a release: it ends every hold before it.</summary>
    public const string Release = "journey-released";
    /// <summary>
    /// Inbox item type of a clock reading: nothing to decide, only the sender's time (its stamp), so that a journey
    /// whose deadline has passed by the product's clock acts on it (see <see cref="JourneyClock"/>).
    /// </summary>
    public const string ClockReading = "clock-reading";
    /// <summary>The orchestration's custom status while it is held, for operators and the client.</summary>
    public const string HeldStatus = "held";

    public static bool IsControl(string eventType) => eventType is Hold or Release or ClockReading;
}

/// <summary>Why, and by whom, a journey was held or released.</summary>
public sealed record ControlNote(string Reason, string By);
