using ShortSentences.App.Events;
using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary><c>POST /api/sentences</c>: a sentence event starts a journey; the same event id again changes nothing.</summary>
public sealed class SentenceEndpoints(IJourneyOperations journeys, TimeProvider clock)
{
    public const int NextDeadlinesShown = 5;

    public async Task<ApiResponse> PostSentence(ApiRequest request, CancellationToken ct)
    {
        var parsed = SentenceEventParser.Parse(request.Body);
        if (!parsed.IsValid) return Problems.Validation(request.Path, parsed.Errors);
        if (parsed.Value!.OccurredAt is { } occurredAt
            && OccurredAtBounds.Problem(occurredAt, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow())) is { } late)
            return Problems.Validation(request.Path, new Dictionary<string, string[]> { ["occurredAt"] = [late] });
        SentenceOutcome outcome;
        try
        {
            outcome = await journeys.StartAsync(parsed.Value!, ct);
        }
        catch (Journeys.SentenceAlreadyRecorded e)
        {
            return Problems.Conflict(request.Path,
                $"This sentence already has journey {e.JourneyId}, started by another event id; the new event is recorded as rejected in its history. Send changes as domain events.");
        }
        catch (Journeys.UnknownSentenceReference e)
        {
            return Problems.Validation(request.Path, new Dictionary<string, string[]> { [e.Field] = [e.Message] });
        }
        var j = outcome.Journey;
        var body = new
        {
            journeyId = j.JourneyId,
            duplicate = outcome.Duplicate,
            joined = outcome.Joined,
            stage = j.Stage,
            status = j.Status,
            keyDates = j.KeyDates,
            nextDeadlines = j.OpenTasks.OrderBy(t => t.DueDate, StringComparer.Ordinal).Take(NextDeadlinesShown).ToList(),
            links = JourneyEndpoints.Links(j.JourneyId),
        };
        // A sentence that joined a journey in custody created no journey: 200, with the journey it joined.
        var response = ApiResponse.Json(outcome.Duplicate || outcome.Joined ? 200 : 201, body);
        return outcome.Duplicate ? response : response.WithHeader("Location", $"/api/journeys/{j.JourneyId}");
    }
}
