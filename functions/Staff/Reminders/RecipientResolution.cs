using ShortSentences.Journeys.Durable;
using ShortSentences.Staff.People;

namespace ShortSentences.Staff.Reminders;

/// <summary>Where a reminder goes: a named member of staff, or a PDU's shared mailbox.</summary>
public sealed record ResolvedRecipient(string Email, string Name, string? StaffId, bool WantsDigest);

/// <summary>
/// Recipient resolution policy. The journey names a role and an id; the directory turns that into an address:
/// a COM reminder goes to the COM; an escalation goes to the SPO named, or, when the journey names the COM, to that
/// COM's manager; a PDU reminder (e.g. "allocate a COM") goes to the PDU mailbox. An unallocated case (no COM id)
/// falls back to the PDU mailbox so the deadline is never silent.
/// </summary>
public static class RecipientResolution
{
    public static ResolvedRecipient? Resolve(ReminderCommand command, StaffDirectory directory)
    {
        var named = directory.Find(command.Recipient);
        switch (command.RecipientRole)
        {
            case RecipientRole.Com when named is not null:
                return ToRecipient(named);
            case RecipientRole.Spo when named is { Role: StaffRole.Spo }:
                return ToRecipient(named);
            case RecipientRole.Spo when named?.ManagerId is { } manager && directory.Find(manager) is { } spo:
                return ToRecipient(spo);
            case RecipientRole.Pdu:
            case RecipientRole.Com when string.IsNullOrWhiteSpace(command.Recipient):
                var unit = directory.Unit(command.Pdu) ?? directory.Unit(command.Recipient);
                return unit is null ? null : new ResolvedRecipient(unit.Mailbox, $"{unit.Name} PDU", null, false);
            default:
                return null;
        }
    }

    private static ResolvedRecipient ToRecipient(StaffMember m) => new(m.Email, m.Name, m.Id, m.WantsDigest);
}
