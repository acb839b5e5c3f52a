using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>One distinct sentence event of a stream, with the release dates it asserts (so they can be checked).</summary>
public sealed record StreamedSentence(int Index, string Crn, string Noms, string EventId, string Crd, string Sled, string Json)
{
    public string JourneyId => $"J-{Crn}-S1";
}

/// <summary>
/// A steady stream of distinct sentence events posted the way an upstream system posts them: several at once, each
/// sent again until it is answered 2xx (no answer, a connection refused or a 5xx are retried; the event id makes a
/// retry of a write that landed a no-op). It counts what it saw, so a test can say what was acknowledged and then
/// check every acknowledged event against the journeys that exist.
/// </summary>
public sealed class SentenceStream
{
    private readonly ConcurrentQueue<StreamedSentence> _pending;
    private readonly ConcurrentDictionary<int, int> _acknowledgedWith = new();
    private readonly ConcurrentQueue<(DateTime At, int Status, string Body)> _serverErrors = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _clientErrors = new();
    private long _attempts, _unanswered;

    public SentenceStream(char letter, int count)
    {
        var crd = new LocalDate(2027, 1, 4);
        var sled = new LocalDate(2027, 5, 3);
        Events = Enumerable.Range(0, count).Select(i =>
        {
            var crn = $"{letter}{100000 + i:D6}";
            var noms = $"{letter}{1000 + i:D4}{letter}{letter}";
            var node = JsonNode.Parse(Samples.Sentence(crn, noms, eventId: $"court-crash-{crn}"))!.AsObject();
            var (c, s) = (LocalDatePattern.Iso.Format(crd.PlusDays(i % 30)), LocalDatePattern.Iso.Format(sled.PlusDays(i % 30)));
            node["dates"] = new JsonObject { ["CRD"] = c, ["SLED"] = s };
            return new StreamedSentence(i, crn, noms, $"court-crash-{crn}", c, s, node.ToJsonString());
        }).ToList();
        _pending = new ConcurrentQueue<StreamedSentence>(Events);
    }

    public IReadOnlyList<StreamedSentence> Events { get; }
    public int Acknowledged => _acknowledgedWith.Count;
    public long Attempts => Interlocked.Read(ref _attempts);
    /// <summary>Posts that got no HTTP answer at all (the app was killed mid-request, or not listening yet).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);
    /// <summary>How many events were first acknowledged as started (201) and how many as a duplicate (200).</summary>
    public int AcknowledgedCreated => _acknowledgedWith.Values.Count(s => s == 201);
    public int AcknowledgedDuplicate => _acknowledgedWith.Values.Count(s => s == 200);
    public IReadOnlyList<(DateTime At, int Status, string Body)> ServerErrors => _serverErrors.ToList();
    public IReadOnlyList<(int Status, string Body)> ClientErrors => _clientErrors.ToList();
    public bool IsAcknowledged(int index) => _acknowledgedWith.ContainsKey(index);

    /// <summary>Sends every event until each is acknowledged, with <paramref name="senders"/> requests in flight.</summary>
    public Task RunAsync(HttpClient client, int senders, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(() => SendAsync(client, ct), ct)));

    private async Task SendAsync(HttpClient client, CancellationToken ct)
    {
        while (_pending.TryDequeue(out var e))
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                Interlocked.Increment(ref _attempts);
                try
                {
                    using var content = new StringContent(e.Json, System.Text.Encoding.UTF8, "application/json");
                    using var answer = await client.PostAsync("/api/sentences", content, ct);
                    var status = (int)answer.StatusCode;
                    if (status is 200 or 201)
                    {
                        _acknowledgedWith[e.Index] = status;
                        break;
                    }
                    var body = await answer.Content.ReadAsStringAsync(ct);
                    if (status >= 500) _serverErrors.Enqueue((DateTime.UtcNow, status, body));
                    else _clientErrors.Enqueue((status, body));
                    // 503 is "storage is not answering, try again"; any other answer to a valid, distinct event is
                    // wrong: recorded, and the event is not sent again (so a test fails quickly and says why).
                    if (status != 503) break;
                }
                catch (Exception x) when (x is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _unanswered);
                }
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>What the journeys say about each acknowledged event, read back over the API.</summary>
    public static async Task<StreamCheck> CheckAsync(AppProcess app, IEnumerable<StreamedSentence> events)
    {
        var lost = new ConcurrentBag<string>();
        var wrongDates = new ConcurrentBag<string>();
        var duplicated = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (e, _) =>
        {
            using var journey = await app.Client.GetAsync($"/api/journeys/{e.JourneyId}");
            if (journey.StatusCode == System.Net.HttpStatusCode.NotFound) { lost.Add(e.JourneyId); return; }
            var view = JsonDocument.Parse(await journey.Content.ReadAsStringAsync()).RootElement;
            if (!journey.IsSuccessStatusCode) throw new HttpRequestException($"GET {e.JourneyId} answered {(int)journey.StatusCode}: {view}");
            var dates = view.GetProperty("journey").GetProperty("keyDates");
            if (dates.GetProperty("CRD").GetString() != e.Crd || dates.GetProperty("SLED").GetString() != e.Sled)
                wrongDates.Add($"{e.JourneyId}: {dates}");

            using var historyAnswer = await app.Client.GetAsync($"/api/journeys/{e.JourneyId}/history");
            if (!historyAnswer.IsSuccessStatusCode) { lost.Add($"{e.JourneyId}: history answered {(int)historyAnswer.StatusCode}"); return; }
            var history = JsonDocument.Parse(await historyAnswer.Content.ReadAsStringAsync()).RootElement.GetProperty("entries");
            var starts = history.EnumerateArray().Where(h => h.GetProperty("eventType").GetString() == "sentence-recorded").ToList();
            var people = (await app.GetJsonAsync($"/api/people/{e.Crn}")).GetProperty("journeys").GetArrayLength();
            if (starts.Count != 1 || people != 1) duplicated.Add($"{e.JourneyId}: {starts.Count} sentence-recorded, {people} journeys for {e.Crn}");
            else if (starts[0].GetProperty("eventId").GetString() != e.EventId) wrongDates.Add($"{e.JourneyId}: started by {starts[0].GetProperty("eventId")}");
        });
        return new StreamCheck(lost.Order().ToList(), duplicated.Order().ToList(), wrongDates.Order().ToList());
    }
}

/// <summary>Acknowledged events with no journey, with more than one start, or with other dates than they asserted.</summary>
public sealed record StreamCheck(IReadOnlyList<string> Lost, IReadOnlyList<string> Duplicated, IReadOnlyList<string> WrongDates);
