using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.DurableHost.Local;

namespace ShortSentences.App;

/// <summary>
/// `ShortSentences.App --load-test [--sentences N] [--events M] [--concurrency C] [--max-seconds S]`: starts a private
/// Azurite and the app on loopback, posts N sentence events then M domain events over HTTP with C requests in flight,
/// and prints the sustained rate and latency percentiles as JSON. Bounded in count and time; it measures, it does not
/// assert (a slow machine is not a failure, an error is counted).
/// </summary>
public static class LoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : fallback;
        }
        var sentences = Math.Min(Arg("--sentences", 5000), 9999);
        var events = Arg("--events", 20000);
        var concurrency = Arg("--concurrency", 32);
        var budget = TimeSpan.FromSeconds(Arg("--max-seconds", 900));

        var root = AzuriteProcess.RepositoryRoot(AppContext.BaseDirectory);
        await using var azurite = await AzuriteProcess.Start(root, inMemory: true, CancellationToken.None);
        var port = FreePort();
        const string key = "load-test-key";
        var connection = azurite.ConnectionString;
        await using var app = AppHost.Build([], JourneysComposition.Add, new Dictionary<string, string?>
        {
            ["Journeys:Mode"] = "local",
            ["Journeys:LocalTriggers"] = "false",
            ["Journeys:StorageConnection"] = connection,
            ["Journeys:LocalKey"] = key,
            ["Journeys:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.Services.GetRequiredService<StorageSetup>().EnsureAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        await app.StartAsync();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
            { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-functions-key", key);
        var deadline = Stopwatch.StartNew();

        var sentencePhase = await Phase("sentences", Enumerable.Range(1, sentences).Select(i => ("/api/sentences", Sentence(i))), http, concurrency, budget - deadline.Elapsed);
        var eventPhase = await Phase("domainEvents", Enumerable.Range(0, events).Select(j => ("/api/events", DomainEvent(j, sentences))), http, concurrency, budget - deadline.Elapsed);
        var all = Combine(sentencePhase, eventPhase);

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "app-http",
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString() },
            concurrency,
            storage = "Azurite 3.37 in memory, same machine",
            phases = new[] { sentencePhase.Report(), eventPhase.Report() },
            total = all.Report(),
        }, new JsonSerializerOptions { WriteIndented = true }));
        await app.StopAsync();
        return all.Errors == 0 && all.Count == sentences + events ? 0 : 1;
    }

    private static string Crn(int i) => $"L{i:D6}";
    private static string Noms(int i) => $"L{i:D4}LT";

    private static string Sentence(int i) => new JsonObject
    {
        ["eventId"] = $"load-{i}",
        ["occurredAt"] = "2026-11-16T16:20:00Z",
        ["person"] = new JsonObject { ["crn"] = Crn(i), ["noms"] = Noms(i), ["dateOfBirth"] = "1990-01-01", ["sex"] = i % 7 == 0 ? "FEMALE" : "MALE" },
        ["region"] = "London",
        ["pdu"] = $"PDU {i % 12}",
        ["sentence"] = new JsonObject
        {
            ["sentenceId"] = "S1", ["sentenceDate"] = "2026-11-16", ["offenceDate"] = "2026-10-01",
            ["length"] = new JsonObject { ["months"] = 1 + i % 11 }, ["remandDays"] = i % 20,
        },
    }.ToJsonString();

    /// <summary>A mix like the real feed: allocations by CRN, receptions by NOMS, and events of types we do not use.</summary>
    private static string DomainEvent(int j, int people)
    {
        var person = 1 + j % people;
        var at = new DateTime(2026, 11, 17, 0, 0, 0, DateTimeKind.Utc).AddSeconds(j).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var (type, idType, id, info) = (j % 4) switch
        {
            0 => ("person.community.manager.allocated", "CRN", Crn(person), new JsonObject { ["staffName"] = $"COM {person % 50}" }),
            1 => ("prison-offender-events.prisoner.received", "NOMS", Noms(person), new JsonObject { ["reason"] = "ADMISSION", ["prisonId"] = "DRI" }),
            2 => ("prison-offender-events.prisoner.received", "NOMS", Noms(person), new JsonObject { ["reason"] = "TRANSFERRED", ["prisonId"] = "HMI" }),
            _ => ("prison-visits.booking.created", "NOMS", Noms(person), new JsonObject()),
        };
        return new JsonObject
        {
            ["eventType"] = type, ["version"] = 1, ["occurredAt"] = at, ["additionalInformation"] = info,
            ["personReference"] = new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["type"] = idType, ["value"] = id }) },
        }.ToJsonString();
    }

    private sealed record Result(string Name, int Count, int Errors, TimeSpan Elapsed, List<double> LatenciesMs, Dictionary<int, int> Statuses)
    {
        public object Report()
        {
            var sorted = LatenciesMs.Order().ToList();
            double P(double q) => sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 1);
            return new
            {
                name = Name, requests = Count, errors = Errors, seconds = Math.Round(Elapsed.TotalSeconds, 1),
                requestsPerSecond = Math.Round(Count / Math.Max(Elapsed.TotalSeconds, 0.001), 1),
                p50Ms = P(0.50), p99Ms = P(0.99), maxMs = sorted.Count == 0 ? 0 : Math.Round(sorted[^1], 1),
                statuses = Statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
            };
        }
    }

    private static Result Combine(Result a, Result b)
    {
        var statuses = new Dictionary<int, int>(a.Statuses);
        foreach (var (k, v) in b.Statuses) statuses[k] = statuses.GetValueOrDefault(k) + v;
        return new Result("total", a.Count + b.Count, a.Errors + b.Errors, a.Elapsed + b.Elapsed, [.. a.LatenciesMs, .. b.LatenciesMs], statuses);
    }

    private static async Task<Result> Phase(string name, IEnumerable<(string Path, string Body)> requests, HttpClient http, int concurrency, TimeSpan budget)
    {
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var errors = 0;
        using var stop = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token }, async (r, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var response = await http.PostAsync(r.Path, new StringContent(r.Body, Encoding.UTF8, "application/json"), ct);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException) { status = 0; }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status is < 200 or >= 300) Interlocked.Increment(ref errors);
            });
        }
        catch (OperationCanceledException) { /* the time budget ran out: report what was done */ }
        return new Result(name, latencies.Count, errors, clock.Elapsed, latencies.ToList(), new Dictionary<int, int>(statuses));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }
}
