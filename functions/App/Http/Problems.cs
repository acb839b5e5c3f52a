using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ShortSentences.App.Http;

/// <summary>
/// RFC 7807 problem documents (<c>application/problem+json</c>), the only shape an error takes in this API.
/// They name what was wrong and never carry exception text or stack traces.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json; charset=utf-8";

    public static ApiResponse Validation(string instance, IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more fields are not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = detail ?? "See 'errors': each bad field is named with what it must be.",
            Instance = instance,
        };
        return Write(problem);
    }

    public static ApiResponse BadRequest(string instance, string detail) =>
        Of(StatusCodes.Status400BadRequest, "The request is not valid.", detail, instance, "15.5.1");

    public static ApiResponse Unauthorized(string instance) =>
        Of(StatusCodes.Status401Unauthorized, "A function key is required.",
            "Send the key in the 'x-functions-key' header or the 'code' query parameter.", instance, "15.5.2")
        .WithHeader("WWW-Authenticate", "x-functions-key");

    public static ApiResponse NotFound(string instance, string detail) =>
        Of(StatusCodes.Status404NotFound, "Not found.", detail, instance, "15.5.5");

    public static ApiResponse MethodNotAllowed(string instance, IEnumerable<string> allowed) =>
        Of(StatusCodes.Status405MethodNotAllowed, "Method not allowed.",
            $"This address accepts {string.Join(", ", allowed)}.", instance, "15.5.6")
        .WithHeader("Allow", string.Join(", ", allowed));

    public static ApiResponse Conflict(string instance, string detail) =>
        Of(StatusCodes.Status409Conflict, "Conflict.", detail, instance, "15.5.10");

    public static ApiResponse TooLarge(string instance, int limitBytes) =>
        Of(StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
            $"Bodies are limited to {limitBytes / 1024} KB.", instance, "15.5.14");

    public static ApiResponse UnsupportedMediaType(string instance) =>
        Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
            "Send the body as JSON ('Content-Type: application/json').", instance, "15.5.16");

    public static ApiResponse Unavailable(string instance, string detail, string? correlationId = null)
    {
        var problem = new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            Title = "Service unavailable.",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = detail,
            Instance = instance,
        };
        if (correlationId is not null) problem.Extensions["correlationId"] = correlationId;
        return Write(problem).WithHeader("Retry-After", "5");
    }

    /// <summary>The answer to any failure we did not foresee: a correlation id to find it in the logs, nothing else.</summary>
    public static ApiResponse Unexpected(string instance, string correlationId)
    {
        var problem = new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            Title = "Something went wrong on our side.",
            Status = StatusCodes.Status500InternalServerError,
            Detail = "The request was not completed. Quote the correlation id when reporting this.",
            Instance = instance,
        };
        problem.Extensions["correlationId"] = correlationId;
        return Write(problem);
    }

    public static ApiResponse Of(int status, string title, string detail, string instance, string section) =>
        Write(new ProblemDetails
        {
            Type = section.StartsWith("RFC", StringComparison.Ordinal) ? "https://www.rfc-editor.org/rfc/rfc6585#section-5" : $"https://tools.ietf.org/html/rfc9110#section-{section}",
            Title = title,
            Status = status,
            Detail = detail,
            Instance = instance,
        });

    private static ApiResponse Write(ProblemDetails problem) =>
        new(problem.Status ?? 500, ContentType, JsonSerializer.Serialize(problem, problem.GetType(), ApiJson.Options));
}
