using NodaTime;
using ShortSentences.App.Api;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.App.Journeys;

/// <summary>
/// What suspend, resume and terminate mean for a journey. The only suspension the domain knows is PSS suspension
/// (DOMAIN.md 2.6: an accountable, recorded decision, resumable); custody and licence follow the law and cannot be
/// paused, so suspending them is refused. Terminate ends any journey for a reason outside the model.
/// </summary>
public static class JourneyControls
{
    public static string? Refusal(JourneyControl control, JourneyState s) => control switch
    {
        _ when s.Stage == Stage.Ended => $"the journey has already ended ({s.EndReason})",
        JourneyControl.Suspend when s.Stage != Stage.Pss =>
            $"only post-sentence supervision (PSS) can be suspended; this journey is at {s.Stage}",
        JourneyControl.Suspend when s.PssSuspended => "PSS is already suspended",
        JourneyControl.Resume when !s.PssSuspended => "the journey is not suspended",
        _ => null,
    };

    /// <summary>
    /// The control as a journey event, with who acted. A suspension through the API names the journey's COM and the
    /// member of staff who records it as the second decider (the SPO the domain asks for), and keeps them as <c>By</c>.
    /// </summary>
    public static JourneyEvent Event(JourneyControl control, JourneyState s, string reason, string by, LocalDate today) => control switch
    {
        JourneyControl.Suspend => new PssSuspended(today, s.Com ?? "not allocated", by, reason, by) { EventId = "" },
        JourneyControl.Resume => new PssResumed(today, by, reason) { EventId = "" },
        _ => new JourneyTerminated(reason, by) { EventId = "" },
    };
}
