using NodaTime;
using ShortSentences.App.Events;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using RecallType = ShortSentences.Journeys.Events.RecallType;

namespace ShortSentences.App.Journeys;

/// <summary>What a domain event means for one journey: an event to deliver, or why it means nothing.</summary>
public abstract record Mapped
{
    public sealed record ToJourney(JourneyEvent Event) : Mapped;
    public sealed record Ignored(string Why) : Mapped;
}

/// <summary>
/// HMPPS domain events (DOMAIN.md section 4) as journey events: the one place that says which upstream event means
/// what. The day of an event is its date in Europe/London. Types not listed here are unknown: acknowledged, counted.
/// </summary>
public static class DomainEventMapping
{
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "prison-offender-events.prisoner.received",
        "prison-offender-events.prisoner.released",
        "prison-offender-events.prisoner.sentence-dates-changed",
        "calculate-release-dates.prisoner.changed",
        "sentence.inserted", "sentence.updated",
        "recall.inserted",
        "create-and-vary-a-licence.licence.activated", "create-and-vary-a-licence.licence.inactivated",
        "person.community.manager.allocated",
        "offender-management.handover.changed",
        "probation-case.sentence.created", "probation-case.breach-notice.created",
        "probation-case.recall.added", "probation-case.release.added",
        "intervention.referral.sent", "intervention.referral.assigned", "intervention.referral.concluded",
        // Read for what a task waits for (docs/journeys.md, "What closes each task"): OASys's assessment summary is
        // the initial assessment and sentence plan; the others were looked at and record nothing a task waits for.
        "assessment.summary.produced",
        "risk-assessment.scores.determined",
        "create-and-vary-a-licence.variation.activated",
        "intervention.initial-assessment-appointment.session-feedback-submitted",
        "intervention.session-appointment.session-feedback-submitted",
        "probation-case.appointment.sms-sent",
    };

    public static bool IsKnown(string eventType) => KnownTypes.Contains(eventType);

    public static Mapped Map(DomainEvent e, JourneyState journey)
    {
        var on = e.OccurredAt.InZone(JourneyDecider.London).Date;
        var reason = e.Info("reason")?.ToUpperInvariant();
        return e.EventType switch
        {
            "prison-offender-events.prisoner.received" when reason == "ADMISSION" =>
                To(e, journey, new ReceivedIntoCustody(on, e.Info("prisonId") ?? "unknown", e.Info("prisonRegion") ?? "",
                    IsRecall: journey.InCommunity || Mentions(e, "recall"))),
            "prison-offender-events.prisoner.received" => Ignore($"reception reason {reason ?? "none"} is a movement, not an admission"),
            "prison-offender-events.prisoner.released" when reason == "RELEASED" =>
                To(e, journey, journey.Stage == Stage.RecalledToCustody ? new ReReleased(on) : new Released(on, OnHdc: Mentions(e, "hdc"))),
            "prison-offender-events.prisoner.released" => Ignore($"release reason {reason ?? "none"} is a movement, not a release from the sentence"),
            "probation-case.release.added" => Ignore("the prison's release event is the one followed; this repeats it"),
            "recall.inserted" => To(e, journey, new RecallDecided(on, RecallOf(e.Info("recallType")))),
            "probation-case.recall.added" => To(e, journey, new RecallRequested(on)),
            "probation-case.breach-notice.created" => To(e, journey, journey.Stage is Stage.Pss
                ? new PssBreached(on, e.Description ?? "breach notice created")
                : new LicenceBreached(on, e.Description ?? "breach notice created")),
            "create-and-vary-a-licence.licence.activated" => To(e, journey, new LicenceActivated(on)),
            "person.community.manager.allocated" =>
                (e.Info("staffName") ?? e.Info("staffCode")) is { } com
                    ? To(e, journey, new ComAllocated(com, e.Info("pduCode")))
                    : Ignore("the allocation names no staff member"),
            "intervention.referral.sent" when e.Info("referralId") is { } id && PathwayOf(e.Info("pathway") ?? e.Info("serviceCategory")) is { } pathway =>
                To(e, journey, new CrsReferralSent(id, pathway)),
            "intervention.referral.concluded" when e.Info("referralId") is { } id =>
                To(e, journey, new CrsReferralConcluded(id, e.Info("outcome") ?? e.Info("deliveryState") ?? "concluded")),
            // OASys (assessment-summary-and-delius): an assessment with its sentence plan was completed for the CRN.
            "assessment.summary.produced" when journey.InCommunity && journey.OpenDeadline("assessment-and-plan") is not null =>
                To(e, journey, new AssessmentAndPlanDone(on)),
            "assessment.summary.produced" => Ignore("no initial assessment and sentence plan is awaited on this journey"),
            "intervention.initial-assessment-appointment.session-feedback-submitted" or "intervention.session-appointment.session-feedback-submitted" =>
                Ignore("a CRS provider's session, not the COM's supervision contact"),
            "probation-case.appointment.sms-sent" => Ignore("an appointment reminder text, not a contact"),
            _ when IsKnown(e.EventType) => Ignore("known, but this service takes nothing from it (dates and terms come from sentence events)"),
            _ => Ignore("unknown event type"),
        };
    }

    private static Mapped To(DomainEvent e, JourneyState journey, JourneyEvent mapped) => new Mapped.ToJourney(mapped with
    {
        EventId = e.EventId,
        Crn = journey.Crn,
        Noms = e.Noms ?? journey.Noms,
        SentenceId = journey.SentenceId,
        OccurredAt = e.OccurredAt,
    });

    private static Mapped Ignore(string why) => new Mapped.Ignored(why);

    private static bool Mentions(DomainEvent e, string word) =>
        (e.Info("details") ?? "").Contains(word, StringComparison.OrdinalIgnoreCase)
        || (e.Info("movementReasonCode") ?? "").Contains(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>LR is a standard recall; FTR_14, FTR_28, FTR_56 fixed-term ones.</summary>
    private static RecallType RecallOf(string? code) =>
        code?.StartsWith("FTR", StringComparison.OrdinalIgnoreCase) == true ? RecallType.FixedTerm : RecallType.Standard;

    private static Pathway? PathwayOf(string? name)
    {
        if (name is null) return null;
        var key = new string(name.Where(char.IsLetter).ToArray());
        foreach (var p in Enum.GetValues<Pathway>())
            if (key.Equals(p.ToString(), StringComparison.OrdinalIgnoreCase)) return p;
        return key.ToLowerInvariant() switch
        {
            "womensservices" or "personalwellbeing" => Pathway.Health,
            "financebenefitanddebt" or "financebenefitsanddebt" => Pathway.FinanceAndId,
            "dependencyandrecovery" => Pathway.DrugsAndAlcohol,
            "educationtrainingandemployment" => Pathway.EducationSkillsAndWork,
            _ => null,
        };
    }
}
