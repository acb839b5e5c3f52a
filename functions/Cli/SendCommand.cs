using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ShortSentences.Cli;

/// <summary>
/// `./journeys send FILE|DIR... [--url URL] [--key KEY]`: posts sample events to a running app (./journeys run).
/// A sentence event (it has "person" and "sentence") goes to /api/sentences, anything else to /api/events (HMPPS
/// domain events, bare or in an SNS envelope). The key defaults to Journeys__LocalKey in local.settings.json.
/// </summary>
public static class SendCommand
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var url = Environment.GetEnvironmentVariable("JOURNEYS_URL") ?? DefaultUrl;
        string? key = null;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Length: url = args[++i]; break;
                case "--key" when i + 1 < args.Length: key = args[++i]; break;
                case var a when Directory.Exists(a): files.AddRange(Directory.GetFiles(a, "*.json").Order(StringComparer.Ordinal)); break;
                case var a: files.Add(a); break;
            }
        }
        if (files.Count == 0)
        {
            Console.Error.WriteLine("usage: journeys send FILE|DIR... [--url URL] [--key KEY]   (e.g. ./journeys send samples/)");
            return 2;
        }
        key ??= LocalKey(Directory.GetCurrentDirectory());
        if (key is null) Console.Error.WriteLine("journeys: no key given and no local.settings.json found; the app will answer 401");

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var failures = 0;
        foreach (var file in files)
        {
            var line = await SendOne(http, file, key);
            if (!line.Ok) failures++;
            Console.WriteLine($"{file} -> {line.Text}");
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task<(bool Ok, string Text)> SendOne(HttpClient http, string file, string? key)
    {
        if (!File.Exists(file)) return (false, "no such file");
        var body = await File.ReadAllTextAsync(file);
        var path = IsSentenceEvent(body) ? "/api/sentences" : "/api/events";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (key is not null) request.Headers.Add("x-functions-key", key);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.IsSuccessStatusCode, $"POST {path} {(int)response.StatusCode} {response.ReasonPhrase} {Summary(text)}");
        }
        catch (HttpRequestException e)
        {
            return (false, $"POST {path} failed: {e.Message} (is the app running? ./journeys run)");
        }
    }

    private static bool IsSentenceEvent(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("person", out _) && doc.RootElement.TryGetProperty("sentence", out _);
        }
        catch (JsonException)
        {
            return false; // let the app say what is wrong with it
        }
    }

    /// <summary>The interesting part of an answer: the journey id and outcome, or the problem's fields.</summary>
    private static string Summary(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var r = doc.RootElement;
            var parts = new List<string>();
            foreach (var name in new[] { "journeyId", "outcome", "stage", "detail" })
                if (r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String) parts.Add(v.GetString()!);
            if (r.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                parts.Add("bad: " + string.Join(", ", errors.EnumerateObject().Select(e => e.Name)));
            return string.Join(" | ", parts);
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>Journeys__LocalKey from the nearest local.settings.json (made by the app on its first local run).</summary>
    private static string? LocalKey(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "local.settings.json");
            if (!File.Exists(path)) continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("Values", out var values)
                   && values.TryGetProperty("Journeys__LocalKey", out var k) && k.ValueKind == JsonValueKind.String
                ? k.GetString()
                : null;
        }
        return null;
    }
}
