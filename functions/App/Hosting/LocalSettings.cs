using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShortSentences.App;

/// <summary>
/// local.settings.json, as the Functions tools use it: <c>{"Values": {"Journeys__LocalKey": ...}}</c>. With no host
/// to read it locally, the app reads it itself. On a fresh clone it is made from local.settings.sample.json with a
/// fresh random key, so no two machines share the sample's placeholder key.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";
    public const string SampleName = "local.settings.sample.json";
    public const string KeySetting = "Journeys__LocalKey";
    public const string Placeholder = "local-dev-key-change-me";

    /// <summary>The folder holding host.json and the settings: the working directory or the nearest parent with them.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SampleName)) || File.Exists(Path.Combine(dir.FullName, FileName)))
                return dir.FullName;
        return null;
    }

    /// <summary>Creates local.settings.json from the sample if it is missing; returns its path (null if neither exists).</summary>
    public static string? Ensure(string root)
    {
        var path = Path.Combine(root, FileName);
        if (File.Exists(path)) return path;
        var sample = Path.Combine(root, SampleName);
        if (!File.Exists(sample)) return null;
        var doc = JsonNode.Parse(File.ReadAllText(sample))!.AsObject();
        if (doc["Values"] is JsonObject values && (string?)values[KeySetting] is null or Placeholder)
            values[KeySetting] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>The Values as configuration keys ("Journeys__LocalKey" becomes "Journeys:LocalKey").</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in values.EnumerateObject())
            result[p.Name.Replace("__", ":", StringComparison.Ordinal)] =
                p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
        return result;
    }
}
