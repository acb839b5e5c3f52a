using System.Text.Json;
using ShortSentences.App.Events;
using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary>
/// The management API, modelled on Durable Functions' instance API: status, query, history, and suspend / resume /
/// terminate with a reason that is written into the journey's history.
/// </summary>
public sealed class JourneyEndpoints(IJourneyOperations journeys)
{
    public const int MaxReasonLength = 500;

    public static object Links(string journeyId) => new
    {
        self = $"/api/journeys/{journeyId}",
        history = $"/api/journeys/{journeyId}/history",
        suspend = $"/api/journeys/{journeyId}/suspend",
        resume = $"/api/journeys/{journeyId}/resume",
        terminate = $"/api/journeys/{journeyId}/terminate",
    };

    public async Task<ApiResponse> Get(ApiRequest request, CancellationToken ct)
    {
        if (BadId(request) is { } bad) return bad;
        var journey = await journeys.GetAsync(request.Route("id"), ct);
        return journey is null ? UnknownJourney(request) : ApiResponse.Json(200, WithLinks(journey));
    }

    public async Task<ApiResponse> List(ApiRequest request, CancellationToken ct)
    {
        var (query, errors) = JourneyQueryParser.Parse(request);
        if (query is null) return Problems.Validation(request.Path, errors.ToDictionary());
        JourneyPage page;
        try
        {
            page = await journeys.ListAsync(query, ct);
        }
        catch (Journeys.BadContinuationToken)
        {
            return Problems.Validation(request.Path, new Dictionary<string, string[]> { ["continuationToken"] = ["must be a token from a previous page"] });
        }
        return ApiResponse.Json(200, new { journeys = page.Journeys, continuationToken = page.ContinuationToken });
    }

    public async Task<ApiResponse> History(ApiRequest request, CancellationToken ct)
    {
        if (BadId(request) is { } bad) return bad;
        var history = await journeys.HistoryAsync(request.Route("id"), ct);
        return history is null ? UnknownJourney(request) : ApiResponse.Json(200, history);
    }

    public async Task<ApiResponse> Person(ApiRequest request, CancellationToken ct)
    {
        var crn = request.Route("crn");
        if (!Identifiers.IsCrn(crn))
            return Problems.Validation(request.Path, new Dictionary<string, string[]> { ["crn"] = [$"must be {Identifiers.CrnFormat}"] });
        var found = await journeys.ForPersonAsync(crn, ct);
        return found.Count == 0
            ? Problems.NotFound(request.Path, "No journeys are recorded for this CRN.")
            : ApiResponse.Json(200, new { crn, journeys = found });
    }

    public Task<ApiResponse> Suspend(ApiRequest request, CancellationToken ct) => Control(request, JourneyControl.Suspend, ct);
    public Task<ApiResponse> Resume(ApiRequest request, CancellationToken ct) => Control(request, JourneyControl.Resume, ct);
    public Task<ApiResponse> Terminate(ApiRequest request, CancellationToken ct) => Control(request, JourneyControl.Terminate, ct);

    private async Task<ApiResponse> Control(ApiRequest request, JourneyControl control, CancellationToken ct)
    {
        if (BadId(request) is { } bad) return bad;
        var errors = new FieldErrors();
        var reason = ReadReason(request, errors);
        if (reason is null) return Problems.Validation(request.Path, errors.ToDictionary());
        return await journeys.ControlAsync(request.Route("id"), control, reason, ct) switch
        {
            ControlOutcome.Done d => ApiResponse.Json(200, WithLinks(d.Journey)),
            ControlOutcome.Refused r => Problems.Conflict(request.Path, r.Why),
            _ => UnknownJourney(request),
        };
    }

    /// <summary>The reason, from a JSON body <c>{"reason": "..."}</c> or, as in Durable Functions, <c>?reason=</c>.</summary>
    private static string? ReadReason(ApiRequest request, FieldErrors errors)
    {
        if (!request.Body.IsEmpty)
        {
            using var doc = JsonBody.TryParseObject(request.Body, errors);
            if (doc is null) return null;
            return new StrictFields(errors).Text(doc.RootElement, "", "reason", maxLength: MaxReasonLength);
        }
        var q = request.QueryValue("reason");
        if (string.IsNullOrWhiteSpace(q)) { errors.Add("reason", "is required: say why, it is recorded in the journey's history"); return null; }
        if (q.Length > MaxReasonLength) { errors.Add("reason", $"must be at most {MaxReasonLength} characters"); return null; }
        if (q.Any(char.IsControl)) { errors.Add("reason", "must not contain control characters"); return null; }
        return q;
    }

    private static ApiResponse? BadId(ApiRequest request) =>
        Identifiers.IsJourneyId(request.Route("id"))
            ? null
            : Problems.Validation(request.Path, new Dictionary<string, string[]> { ["id"] = [$"must be {Identifiers.JourneyIdFormat}"] });

    private static ApiResponse UnknownJourney(ApiRequest request) =>
        Problems.NotFound(request.Path, "There is no journey with this id.");

    private static object WithLinks(JourneyView j) => new { journey = j, links = Links(j.JourneyId) };
}
