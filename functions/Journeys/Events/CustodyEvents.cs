using NodaTime;

namespace ShortSentences.Journeys.Events;

public sealed record ComAllocated(string ComName, string? Pdu = null) : JourneyEvent;

/// <summary>Reception into prison; <paramref name="IsRecall"/> for an ADMISSION that is a recall.</summary>
public sealed record ReceivedIntoCustody(LocalDate On, string Prison, string PrisonRegion, bool IsRecall = false) : JourneyEvent;

public enum Pathway
{
    Accommodation,
    AttitudesThinkingAndBehaviour,
    ChildrenFamiliesAndCommunity,
    DrugsAndAlcohol,
    EducationSkillsAndWork,
    FinanceAndId,
    Health,
}

/// <summary>Immediate needs screening: part 1 as a whole, part 2 per resettlement pathway.</summary>
public sealed record ScreeningCompleted(LocalDate On, int Part, IReadOnlyList<Pathway> Screened, IReadOnlyList<Pathway> NeedsIdentified)
    : JourneyEvent;

public sealed record ResettlementPlanCompleted(LocalDate On) : JourneyEvent;
public sealed record CrsReferralSent(string ReferralId, Pathway Pathway) : JourneyEvent;
public sealed record CrsReferralConcluded(string ReferralId, string Outcome) : JourneyEvent;
public sealed record DutyToReferMade(LocalDate On, string LocalAuthority) : JourneyEvent;
public sealed record LicenceApproved(LocalDate On) : JourneyEvent;
public sealed record LicenceActivated(LocalDate On) : JourneyEvent;

/// <summary>Release from custody; <paramref name="OnHdc"/> when early on home detention curfew.</summary>
public sealed record Released(LocalDate On, bool OnHdc = false) : JourneyEvent;
