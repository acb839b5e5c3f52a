using ShortSentences.Journeys.Durable;
using ShortSentences.Staff.People;

namespace ShortSentences.Staff.Reminders;

/// <summary>Where a reminder goes: a named member of staff, or a shared mailbox (PDU, prison pre-release team).</summary>
public sealed record ResolvedRecipient(string Email, string Name, string? StaffId, bool WantsDigest);

/// <summary>
/// Recipient resolution policy. The journey names a role and who it knows (a COM by id, e-mail or name; "SPO {pdu}";
/// "PDU {pdu}"; "pre-release team {prison}"); the staff directory turns that into an address:
/// <list type="bullet">
/// <item>COM: the COM; a case with no COM yet (or a COM the directory does not know) goes to the PDU mailbox, so a
/// deadline is never silent.</item>
/// <item>SPO: the SPO named; else the named COM's manager; else the PDU's escalation SPO; else the PDU mailbox.</item>
/// <item>PDU: the PDU mailbox.</item>
/// <item>Prison pre-release team: the prison's team mailbox; nobody else, because the COM has the same reminder.</item>
/// </list>
/// </summary>
public static class RecipientResolution
{
    private const string PreReleaseTeamPrefix = "pre-release team ";

    public static ResolvedRecipient? Resolve(ReminderCommand command, StaffDirectory directory)
    {
        var named = directory.FindByReference(command.Recipient);
        var unit = directory.Unit(command.Pdu) ?? directory.Unit(StripPrefix(command.Recipient, "PDU "));
        return command.RecipientRole switch
        {
            RecipientRole.Com => named is not null ? Person(named) : Mailbox(unit),
            RecipientRole.Spo => named switch
            {
                { Role: StaffRole.Spo } => Person(named),
                { ManagerId: { } manager } when directory.Find(manager) is { } spo => Person(spo),
                _ => directory.Find(unit?.EscalationSpo) is { } duty ? Person(duty) : Mailbox(unit),
            },
            RecipientRole.Pdu => Mailbox(unit),
            RecipientRole.PreReleaseTeam => directory.Prison(StripPrefix(command.Recipient, PreReleaseTeamPrefix)) is { } prison
                ? new ResolvedRecipient(prison.Mailbox, $"{prison.Name} pre-release team", null, false)
                : null,
            _ => null,
        };
    }

    private static string StripPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? value[prefix.Length..].Trim() : value;

    private static ResolvedRecipient Person(StaffMember m) => new(m.Email, m.Name, m.Id, m.WantsDigest);

    private static ResolvedRecipient? Mailbox(DeliveryUnit? unit) =>
        unit is null ? null : new ResolvedRecipient(unit.Mailbox, $"{unit.Name} PDU", null, false);
}
