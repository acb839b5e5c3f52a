using System.Text.RegularExpressions;

namespace ShortSentences.App.Events;

/// <summary>
/// The formats of the identifiers this service accepts. Every identifier is checked here before it is used in a
/// storage key or query, so quotes, OData operators and path characters never reach storage.
/// </summary>
public static partial class Identifiers
{
    public const string CrnFormat = "a letter and 6 digits, e.g. X777519";
    public const string NomsFormat = "a letter, 4 digits and 2 letters, e.g. A8513EA";
    public const string IdFormat = "1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    public const string JourneyIdFormat = "a journey id: 'J-', the CRN, '-' and the sentence id, e.g. J-X777519-S1";

    // \A and \z, not ^ and $: '$' also matches before a trailing newline.
    [GeneratedRegex(@"\A[A-Z][0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Crn();

    [GeneratedRegex(@"\A[A-Z][0-9]{4}[A-Z]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Noms();

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._:-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    [GeneratedRegex(@"\AJ-[A-Z][0-9]{6}-[A-Za-z0-9][A-Za-z0-9._:-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex JourneyIdPattern();

    public static bool IsCrn(string? value) => value is not null && Crn().IsMatch(value);

    public static bool IsNoms(string? value) => value is not null && Noms().IsMatch(value);

    /// <summary>Event ids and sentence ids: safe in a table key and a URL path segment.</summary>
    public static bool IsSafeId(string? value) => value is not null && SafeId().IsMatch(value);

    /// <summary>The journey id shape (JourneyId.For: "J-{CRN}-{sentenceId}").</summary>
    public static bool IsJourneyId(string? value) => value is not null && JourneyIdPattern().IsMatch(value);
}
