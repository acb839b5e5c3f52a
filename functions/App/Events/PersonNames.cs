namespace ShortSentences.App.Events;

/// <summary>
/// A person's first or last name as courts and probation record it: letters of any alphabet (Zoë, Ó Briain, Łukasz),
/// with spaces, hyphens, apostrophes and full stops between them. Nothing that could be markup, a formula or a
/// control sequence gets through; the pages encode what they show regardless.
/// </summary>
public static class PersonNames
{
    public const int MaxLength = 100;
    public const string Format = "letters, with spaces, hyphens, apostrophes or full stops between them, starting with a letter";

    public static bool IsName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !char.IsLetter(value[0])) return false;
        foreach (var c in value)
            if (!(char.IsLetter(c) || c is ' ' or '-' or '\'' or '\u2019' or '.' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark))
                return false;
        return !value.Contains("  ", StringComparison.Ordinal) && value[^1] != ' ';
    }
}
