namespace ShortSentences.Staff.People;

/// <summary>What a member of staff may see: their own cases, their team's, or every PDU.</summary>
public enum StaffRole
{
    /// <summary>A probation practitioner (COM): sees their own caseload; may open any journey in their PDU.</summary>
    Practitioner,

    /// <summary>Senior probation officer: sees their team's caseload and the whole PDU; receives escalations.</summary>
    Spo,

    /// <summary>Regional or national oversight (performance and quality): may look across PDUs.</summary>
    Administrator,
}

/// <summary>One person in the staff directory. <paramref name="ManagerId"/> is the SPO that escalations go to.</summary>
public sealed record StaffMember(
    string Id,
    string Name,
    string Email,
    string Pdu,
    StaffRole Role,
    string? ManagerId = null,
    bool WantsDigest = false);

/// <summary>
/// A probation delivery unit: the shared mailbox that gets PDU-level reminders (e.g. "allocate a COM"), and the SPO who
/// takes escalations when the journey cannot name the COM's own manager.
/// </summary>
public sealed record DeliveryUnit(string Code, string Name, string Mailbox, string? EscalationSpo = null);

/// <summary>A prison's pre-release team, which works resettlement tasks for people held far from home.</summary>
public sealed record PrisonTeam(string Code, string Name, string Mailbox);
