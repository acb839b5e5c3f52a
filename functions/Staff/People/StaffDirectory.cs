using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShortSentences.Staff.People;

/// <summary>
/// Who is who: practitioners and SPOs with their PDU, e-mail and manager, and each PDU's mailbox. Loaded from JSON
/// configuration (a sample ships for local mode); ids are the ones the journeys use as COM and SPO references.
/// </summary>
public sealed class StaffDirectory
{
    private readonly Dictionary<string, StaffMember> byId;
    private readonly Dictionary<string, DeliveryUnit> units;
    private readonly Dictionary<string, PrisonTeam> prisons;

    public StaffDirectory(IEnumerable<StaffMember> staff, IEnumerable<DeliveryUnit> deliveryUnits, IEnumerable<PrisonTeam>? prisonTeams = null)
    {
        prisons = (prisonTeams ?? []).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        byId = new Dictionary<string, StaffMember>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in staff)
        {
            if (!byId.TryAdd(member.Id, member))
                throw new StaffDirectoryException($"staff id '{member.Id}' appears twice in the staff directory");
        }
        units = deliveryUnits.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var member in byId.Values)
        {
            if (!units.ContainsKey(member.Pdu))
                throw new StaffDirectoryException($"staff member '{member.Id}' is in PDU '{member.Pdu}', which the directory does not list");
            if (member.ManagerId is { } manager && !byId.ContainsKey(manager))
                throw new StaffDirectoryException($"staff member '{member.Id}' has manager '{manager}', who is not in the directory");
        }
        foreach (var unit in units.Values)
        {
            if (unit.EscalationSpo is { } spo && byId.GetValueOrDefault(spo) is not { Role: StaffRole.Spo })
                throw new StaffDirectoryException($"PDU '{unit.Code}' escalates to '{spo}', who is not an SPO in the directory");
        }
    }

    public IReadOnlyCollection<StaffMember> All => byId.Values;

    public IReadOnlyCollection<DeliveryUnit> Units => units.Values;

    public StaffMember? Find(string? id) => id is not null && byId.TryGetValue(id, out var m) ? m : null;

    /// <summary>App Service authentication gives us an e-mail or user principal name, not our staff id.</summary>
    public StaffMember? FindByEmail(string? email) =>
        string.IsNullOrWhiteSpace(email)
            ? null
            : byId.Values.FirstOrDefault(m => string.Equals(m.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The journeys name a COM as the allocation event did: a staff id, an e-mail or a name. Any of them finds the person.
    /// </summary>
    public StaffMember? FindByReference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var r = reference.Trim();
        return Find(r) ?? FindByEmail(r)
            ?? byId.Values.SingleOrDefault(m => string.Equals(m.Name, r, StringComparison.OrdinalIgnoreCase));
    }

    public PrisonTeam? Prison(string? code) => code is not null && prisons.TryGetValue(code.Trim(), out var p) ? p : null;

    public DeliveryUnit? Unit(string? code) => code is not null && units.TryGetValue(code, out var u) ? u : null;

    public IReadOnlyList<StaffMember> TeamOf(string spoId) =>
        byId.Values.Where(m => string.Equals(m.ManagerId, spoId, StringComparison.OrdinalIgnoreCase)).OrderBy(m => m.Name).ToList();

    public static StaffDirectory Load(string path)
    {
        if (!File.Exists(path))
            throw new StaffDirectoryException($"the staff directory file '{path}' does not exist");
        return Parse(File.ReadAllText(path), path);
    }

    public static StaffDirectory Parse(string json, string source = "staff directory")
    {
        DirectoryFile? file;
        try
        {
            file = JsonSerializer.Deserialize<DirectoryFile>(json, Options);
        }
        catch (JsonException e)
        {
            throw new StaffDirectoryException($"{source} is not valid JSON: {e.Message}");
        }
        if (file?.Staff is null || file.Pdus is null)
            throw new StaffDirectoryException($"{source} must have \"pdus\" and \"staff\" arrays");
        foreach (var m in file.Staff)
        {
            if (string.IsNullOrWhiteSpace(m.Id) || string.IsNullOrWhiteSpace(m.Email) || string.IsNullOrWhiteSpace(m.Name) || string.IsNullOrWhiteSpace(m.Pdu))
                throw new StaffDirectoryException($"{source}: every staff member needs id, name, email and pdu");
        }
        return new StaffDirectory(file.Staff, file.Pdus, file.Prisons);
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record DirectoryFile(List<DeliveryUnit>? Pdus, List<StaffMember>? Staff, List<PrisonTeam>? Prisons);
}

public sealed class StaffDirectoryException(string message) : Exception(message);
