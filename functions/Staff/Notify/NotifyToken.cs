using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ShortSentences.Staff.Notify;

/// <summary>
/// The bearer token Notify expects: a JWT signed HS256 with the secret key, claims "iss" = service id and "iat" =
/// issue time in epoch seconds (Notify rejects tokens more than 30 seconds off its clock, so one per request).
/// </summary>
public static class NotifyToken
{
    private static readonly JwtSecurityTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Create(NotifyApiKey key, DateTimeOffset issuedAt)
    {
        var credentials = new SigningCredentials(
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key.SecretKey)), SecurityAlgorithms.HmacSha256);
        var payload = new JwtPayload
        {
            ["iss"] = key.ServiceId,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
        };
        return Handler.WriteToken(new JwtSecurityToken(new JwtHeader(credentials), payload));
    }
}
