using ShortSentences.Staff.People;

namespace ShortSentences.Staff.Caseload;

/// <summary>Whose journeys a caseload list shows.</summary>
public enum CaseloadScope { Mine, Team, Pdu }

/// <summary>The caseload a viewer asked for, once allowed: one PDU, and the COMs in it (null = every case in the PDU).</summary>
public sealed record AllowedCaseload(CaseloadScope Scope, string Pdu, IReadOnlyCollection<string>? ComIds);

/// <summary>
/// Who sees what. A practitioner sees their own caseload; an SPO their team's, or their whole PDU (which includes cases
/// waiting for a COM); an administrator any PDU. Anyone may open a journey in their own PDU (to cover for a colleague);
/// only an administrator may open one elsewhere.
/// </summary>
public static class AccessPolicy
{
    public static bool CanOpen(StaffMember viewer, JourneySummary journey) =>
        viewer.Role == StaffRole.Administrator
        || string.Equals(viewer.Pdu, journey.Pdu, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Only staff of the journey's own PDU may change it (mark a task done): an administrator of another PDU may read
    /// a journey for quality work but does not do its tasks.
    /// </summary>
    public static bool CanAct(StaffMember viewer, JourneySummary journey) =>
        string.Equals(viewer.Pdu, journey.Pdu, StringComparison.OrdinalIgnoreCase);

    public static CaseloadScope DefaultScope(StaffMember viewer) => viewer.Role switch
    {
        StaffRole.Practitioner => CaseloadScope.Mine,
        StaffRole.Spo => CaseloadScope.Team,
        _ => CaseloadScope.Pdu,
    };

    public static IReadOnlyList<CaseloadScope> ScopesFor(StaffMember viewer) => viewer.Role switch
    {
        StaffRole.Practitioner => [CaseloadScope.Mine],
        StaffRole.Spo => [CaseloadScope.Team, CaseloadScope.Pdu],
        _ => [CaseloadScope.Pdu],
    };

    /// <summary>Journeys hold the COM as the allocation event named them (id, e-mail or name): any of these matches.</summary>
    private static IReadOnlyCollection<string> References(IEnumerable<StaffMember> members) =>
        members.SelectMany(m => new[] { m.Id, m.Email, m.Name }).ToList();

    /// <summary>Null when the viewer may not see what they asked for.</summary>
    public static AllowedCaseload? Allow(StaffMember viewer, StaffDirectory directory, CaseloadScope? scope, string? pdu)
    {
        var wanted = scope ?? DefaultScope(viewer);
        if (!ScopesFor(viewer).Contains(wanted))
            return null;
        var unit = string.IsNullOrWhiteSpace(pdu) ? viewer.Pdu : pdu.Trim();
        if (directory.Unit(unit) is null)
            return null;
        if (viewer.Role != StaffRole.Administrator && !string.Equals(unit, viewer.Pdu, StringComparison.OrdinalIgnoreCase))
            return null;
        return wanted switch
        {
            CaseloadScope.Mine => new AllowedCaseload(wanted, unit, References([viewer])),
            CaseloadScope.Team => new AllowedCaseload(wanted, unit, References(directory.TeamOf(viewer.Id))),
            _ => new AllowedCaseload(wanted, unit, null),
        };
    }
}
