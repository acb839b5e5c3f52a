using System.Text.Json;

namespace ShortSentences.App.Events;

/// <summary>
/// Every string in a body, property names included, must be text a person could have typed: no NUL or other control
/// characters (tab, line feed and carriage return aside, which free text may hold), no half of a surrogate pair.
/// Parsers downstream (NodaTime's among them) treat NUL as the end of the text, so "2026-11-16\u0000..." would
/// otherwise pass as a date; and a stray control character in a stored field breaks whoever reads it next.
/// </summary>
public static class JsonText
{
    /// <summary>Records, against each field's path (e.g. <c>sentence.sentenceDate</c>), every string that is not clean text.</summary>
    public static void Check(JsonElement element, string path, FieldErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
                    if (Problem(p.Name) is { } nameProblem) { errors.Add(Printable(at), "field name " + nameProblem); continue; }
                    Check(p.Value, at, errors);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Check(item, $"{path}[{i++}]", errors);
                break;
            case JsonValueKind.String:
                string text;
                try { text = element.GetString()!; }
                catch (InvalidOperationException) { errors.Add(Printable(path), "must be valid Unicode text"); break; }
                if (Problem(text) is { } problem) errors.Add(Printable(path), problem);
                break;
        }
    }

    /// <summary>What is wrong with <paramref name="text"/>, or null when it is clean.</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return "must not contain a NUL character";
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return "must not contain control characters";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return "must be valid Unicode text (a lone surrogate)";
        }
        return null;
    }

    /// <summary>A field path safe to echo in a problem document: a hostile name's bad characters shown as \uXXXX.</summary>
    private static string Printable(string path)
    {
        if (Problem(path) is null && path.Length <= 200) return path;
        var b = new System.Text.StringBuilder();
        foreach (var c in path.Length > 200 ? path[..200] : path)
            b.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c);
        return b.ToString();
    }
}
