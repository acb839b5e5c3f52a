using System.Text.RegularExpressions;
using ShortSentences.App.Events;
using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary>Reads <c>GET /api/journeys</c> filters; each is checked before it can reach a storage query.</summary>
public static partial class JourneyQueryParser
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    // Names of teams and staff: no quotes, so nothing can close an OData string literal.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9 .,@_()&-]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameFormat();

    [GeneratedRegex(@"\A[a-z][a-z-]{0,39}\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StageFormat();

    [GeneratedRegex(@"\A[A-Za-z0-9_=-]{1,2048}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TokenFormat();

    /// <summary>The stage's name as stored ("pre-release" and "prerelease" read as PreRelease).</summary>
    public static string? StageName(string text) =>
        Enum.TryParse<ShortSentences.Journeys.Stages.Stage>(text.Replace("-", ""), ignoreCase: true, out var s)
        && Enum.IsDefined(s) && !text.Any(char.IsDigit) ? s.ToString() : null;

    public static (JourneyQuery? Query, FieldErrors Errors) Parse(ApiRequest request)
    {
        var errors = new FieldErrors();
        string? Check(string name, Func<string, bool> ok, string description)
        {
            var v = request.QueryValue(name);
            if (string.IsNullOrEmpty(v)) return null;
            if (ok(v)) return v;
            errors.Add(name, $"must be {description}");
            return null;
        }
        var crn = Check("crn", Identifiers.IsCrn, Identifiers.CrnFormat);
        var stage = Check("stage", v => StageFormat().IsMatch(v) && StageName(v) is not null,
            "one of " + string.Join(", ", Enum.GetNames<ShortSentences.Journeys.Stages.Stage>()));
        if (stage is not null) stage = StageName(stage);
        var com = Check("com", NameFormat().IsMatch, "a name of up to 100 letters, digits, spaces and . , @ _ ( ) & -");
        var pdu = Check("pdu", NameFormat().IsMatch, "a name of up to 100 letters, digits, spaces and . , @ _ ( ) & -");
        var token = Check("continuationToken", TokenFormat().IsMatch, "a continuation token from a previous page");
        bool? overdue = null;
        if (request.QueryValue("overdue") is { Length: > 0 } o)
        {
            if (bool.TryParse(o, out var b)) overdue = b;
            else errors.Add("overdue", "must be true or false");
        }
        var pageSize = DefaultPageSize;
        if (request.QueryValue("pageSize") is { Length: > 0 } p
            && (!int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize)
                || pageSize < 1 || pageSize > MaxPageSize))
            errors.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}");
        return errors.Any ? (null, errors) : (new JourneyQuery(crn, stage, com, pdu, overdue, token, pageSize), errors);
    }
}
