using NodaTime;

namespace ShortSentences.Journeys.Events;

/// <summary>
/// The day an event says something happened (a release date, a breach date...), and the field it came in. Used to
/// refuse events from the future and from before the sentence, and to date the facts the event causes.
/// A hearing date is excluded: it is announced ahead of the day by design.
/// </summary>
public static class StatedDate
{
    public static (string Field, LocalDate On)? Of(JourneyEvent e) => e switch
    {
        ReceivedIntoCustody x => ("on", x.On),
        ScreeningCompleted x => ("on", x.On),
        ResettlementPlanCompleted x => ("on", x.On),
        DutyToReferMade x => ("on", x.On),
        LicenceApproved x => ("on", x.On),
        LicenceActivated x => ("on", x.On),
        Released x => ("on", x.On),
        ContactRecorded x => ("on", x.On),
        HomeVisitDone x => ("on", x.On),
        AssessmentAndPlanDone x => ("on", x.On),
        ReviewDone x => ("on", x.On),
        LicenceBreached x => ("on", x.On),
        RecallRequested x => ("on", x.On),
        RecallDecided x => ("on", x.On),
        ReturnedToCustody x => ("on", x.On),
        ReReleased x => ("on", x.On),
        PssBreached x => ("on", x.On),
        CourtApplicationMade x => ("on", x.On),
        CourtOutcome x => ("on", x.On),
        PssSuspended x => ("on", x.On),
        PssResumed x => ("on", x.On),
        _ => null,
    };

    /// <summary>Custody events can precede the sentence (a reception on remand, screening at reception).</summary>
    public static bool MayPrecedeSentence(JourneyEvent e) => e is ReceivedIntoCustody or ScreeningCompleted;
}
