using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ShortSentences.Staff.People;

namespace ShortSentences.Staff.Identity;

/// <summary>Who is looking at the pages: a member of staff, nobody yet, or someone the directory does not know.</summary>
public abstract record Viewer
{
    public sealed record Staff(StaffMember Member) : Viewer;
    public sealed record NotSignedIn : Viewer;
    public sealed record Unknown(string Name) : Viewer;
}

/// <summary>
/// Reads the signed-in user. In Azure, App Service authentication (Easy Auth) signs people in and passes who they are
/// in X-MS-CLIENT-PRINCIPAL (base64 JSON with claims) and X-MS-CLIENT-PRINCIPAL-NAME; App Service strips these
/// headers from incoming requests, so only it can set them. Locally the development sign-in sets a cookie instead,
/// and the headers are ignored.
/// </summary>
public static class ViewerIdentity
{
    public const string DevelopmentCookie = "ssj-staff-dev-user";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    private static readonly string[] EmailClaims =
    [
        "preferred_username", "email", "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
    ];

    public static Viewer From(HttpRequest request, StaffDirectory directory, bool localMode)
    {
        if (localMode)
        {
            return directory.Find(request.Cookies[DevelopmentCookie]) is { } member
                ? new Viewer.Staff(member)
                : new Viewer.NotSignedIn();
        }

        var candidates = ClaimValues(request.Headers[PrincipalHeader].ToString())
            .Append(request.Headers[PrincipalNameHeader].ToString())
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .ToList();
        if (candidates.Count == 0)
            return new Viewer.NotSignedIn();
        foreach (var candidate in candidates)
        {
            if (directory.FindByEmail(candidate) is { } member)
                return new Viewer.Staff(member);
        }
        return new Viewer.Unknown(candidates[^1]);
    }

    /// <summary>The e-mail-like claims of an Easy Auth principal; an unreadable header yields none (never an error page).</summary>
    private static IEnumerable<string> ClaimValues(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return [];
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            if (!doc.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
                return [];
            var found = new List<(int Rank, string Value)>();
            foreach (var claim in claims.EnumerateArray())
            {
                var type = claim.TryGetProperty("typ", out var t) ? t.GetString() : null;
                var value = claim.TryGetProperty("val", out var v) ? v.GetString() : null;
                var rank = Array.IndexOf(EmailClaims, type);
                if (rank >= 0 && !string.IsNullOrWhiteSpace(value))
                    found.Add((rank, value));
            }
            return found.OrderBy(f => f.Rank).Select(f => f.Value).ToList();
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return [];
        }
    }
}
