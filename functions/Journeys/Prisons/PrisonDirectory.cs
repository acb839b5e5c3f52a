using System.Reflection;
using System.Text.Json;

namespace ShortSentences.Journeys.Prisons;

/// <summary>A prison: its NOMIS code (as prison events carry it), its name, and the probation region it lies in.</summary>
public sealed record Prison(string Code, string Name, string Region);

/// <summary>
/// Prisons by code (or by name, for feeds that send names), so that staff read "HMP Lewes" and the journey can tell
/// whether a person is held out of their home region when the event gives no region. A prison not in the directory is
/// unknown: the journeys say so rather than leave a blank, and do not guess a region for it.
/// The default directory is <c>prisons.json</c> beside this file (embedded).
/// </summary>
public sealed class PrisonDirectory
{
    public const string Unknown = "unknown";

    private readonly Dictionary<string, Prison> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public PrisonDirectory(IEnumerable<Prison> prisons)
    {
        foreach (var p in prisons)
        {
            _byKey.TryAdd(p.Code, p);
            _byKey.TryAdd(p.Name, p);
        }
    }

    public static PrisonDirectory EnglandAndWales { get; } = FromJson(ReadEmbedded());

    /// <summary>Reads <c>{"prisons": [{"code", "name", "region"}]}</c>; every field is required.</summary>
    public static PrisonDirectory FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var prisons = new List<Prison>();
        foreach (var p in doc.RootElement.GetProperty("prisons").EnumerateArray())
        {
            string Field(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s : throw new FormatException($"prisons.json: a prison has no '{name}'");
            prisons.Add(new Prison(Field("code"), Field("name"), Field("region")));
        }
        return new PrisonDirectory(prisons);
    }

    public int Count => _byKey.Values.Distinct().Count();

    /// <summary>The prison with this code or name; null when the directory does not know it.</summary>
    public Prison? Find(string? codeOrName) =>
        codeOrName is { Length: > 0 } key && _byKey.TryGetValue(key.Trim(), out var p) ? p : null;

    /// <summary>Region names compared as people write them: case, commas and extra spaces aside ("Kent, Surrey and Sussex").</summary>
    public static bool SameRegion(string a, string b) => string.Equals(Normal(a), Normal(b), StringComparison.OrdinalIgnoreCase);

    private static string Normal(string region) => string.Join(' ', region.Replace(',', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("prisons.json")
            ?? throw new InvalidOperationException("prisons.json is not embedded in the journeys assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
