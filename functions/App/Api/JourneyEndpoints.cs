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
        dates = $"/api/journeys/{journeyId}/dates",
        completeTask = $"/api/journeys/{journeyId}/tasks/{{taskId}}/complete",
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
        var (reason, by) = ReadControl(request, errors);
        if (errors.Any || reason is null || by is null) return Problems.Validation(request.Path, errors.ToDictionary());
        return await journeys.ControlAsync(request.Route("id"), control, reason, by, ct) switch
        {
            ControlOutcome.Done d => ApiResponse.Json(200, WithLinks(d.Journey)),
            ControlOutcome.Refused r => Problems.Conflict(request.Path, r.Why),
            _ => UnknownJourney(request),
        };
    }

    /// <summary><c>POST /api/journeys/{id}/tasks/{taskId}/complete</c> with <c>{"on","by","note"}</c>: staff close an open task.</summary>
    public async Task<ApiResponse> CompleteTask(ApiRequest request, CancellationToken ct)
    {
        if (BadId(request) is { } bad) return bad;
        var parsed = StaffActionParser.Completion(request.Route("taskId"), request.Body);
        if (!parsed.IsValid) return Problems.Validation(request.Path, parsed.Errors);
        return Answer(request, await journeys.CompleteTaskAsync(request.Route("id"), parsed.Value!, ct));
    }

    /// <summary><c>POST /api/journeys/{id}/dates</c> with <c>{"eventId","dates","reason","by"}</c>: staff correct the dates.</summary>
    public async Task<ApiResponse> CorrectDates(ApiRequest request, CancellationToken ct)
    {
        if (BadId(request) is { } bad) return bad;
        var parsed = StaffActionParser.Correction(request.Body);
        if (!parsed.IsValid) return Problems.Validation(request.Path, parsed.Errors);
        return Answer(request, await journeys.CorrectDatesAsync(request.Route("id"), parsed.Value!, ct));
    }

    private static ApiResponse Answer(ApiRequest request, ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.Done d => ApiResponse.Json(200, new { journey = d.Journey, duplicate = d.Duplicate, links = Links(d.Journey.JourneyId) }),
        ActionOutcome.Refused r => Problems.Conflict(request.Path, r.Why),
        ActionOutcome.Invalid i => Problems.Validation(request.Path, new Dictionary<string, string[]> { [i.Field] = [i.Why] }),
        _ => UnknownJourney(request),
    };

    /// <summary>
    /// The reason and who acted, from a JSON body <c>{"reason": "...", "by": "staff id"}</c> or, as in Durable
    /// Functions, <c>?reason=</c> (with <c>&amp;by=</c>).
    /// </summary>
    private static (string? Reason, string? By) ReadControl(ApiRequest request, FieldErrors errors)
    {
        if (!request.Body.IsEmpty)
        {
            using var doc = JsonBody.TryParseObject(request.Body, errors);
            if (doc is null) return (null, null);
            var f = new StrictFields(errors);
            return (f.Text(doc.RootElement, "", "reason", maxLength: MaxReasonLength), StaffActionParser.By(f, doc.RootElement));
        }
        var reason = QueryText(request, "reason", MaxReasonLength, errors, "is required: say why, it is recorded in the journey's history");
        var by = QueryText(request, "by", 64, errors, "is required: the staff id of who acted, recorded in the journey's history");
        if (by is not null && !Identifiers.IsSafeId(by)) { errors.Add("by", "must be a staff id: " + Identifiers.IdFormat); by = null; }
        return (reason, by);
    }

    private static string? QueryText(ApiRequest request, string name, int maxLength, FieldErrors errors, string missing)
    {
        var q = request.QueryValue(name);
        if (string.IsNullOrWhiteSpace(q)) { errors.Add(name, missing); return null; }
        if (q.Length > maxLength) { errors.Add(name, $"must be at most {maxLength} characters"); return null; }
        if (q.Any(char.IsControl)) { errors.Add(name, "must not contain control characters"); return null; }
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
