using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// More than a hundred hostile requests, generated field by field: control characters and NUL in every string field,
/// invalid UTF-8, dates with something after them, numbers out of range, identifiers of the wrong JSON type, domain
/// events from year 9999 or 1066, and addresses and headers too large for the server. Each is refused with its 4xx as
/// a problem document naming the field, and every table row, ETag and queue length is the same afterwards.
/// </summary>
public sealed class HostileInputFuzzTests(SeededApp seeded) : IClassFixture<SeededApp>
{
    private RunningApp App => seeded.App;

    public sealed record Case(string Path, byte[]? Body, HttpStatusCode Status, string? Field, Dictionary<string, string>? Headers = null)
    {
        public override string ToString() => Path;
    }

    private static readonly string[] SentenceStringFields =
    [
        "eventId", "occurredAt", "region", "pdu", "person.crn", "person.noms", "person.dateOfBirth", "person.sex",
        "sentence.sentenceId", "sentence.sentenceDate", "sentence.offenceDate", "dates.CRD", "dates.SLED",
    ];

    private static readonly (string Name, Func<string, string> Spoil)[] ControlSpoilers =
    [
        ("a NUL appended", v => v + "\u0000"),
        ("a NUL and more appended", v => v + "\u0000junk"),
        ("a control character in front", v => "\u0001" + v),
        ("an escape character inside", v => v[..1] + "\u001b" + v[1..]),
        ("a DEL appended", v => v + "\u007f"),
        ("a C1 control appended", v => v + "\u0085"),
    ];

    /// <summary>A sentence for a person nobody else uses, with dates given, as a mutable tree.</summary>
    private static JsonObject Sentence()
    {
        var s = JsonNode.Parse(Samples.Sentence("C300099", "C3099CC"))!.AsObject();
        s["dates"] = new JsonObject { ["CRD"] = "2027-01-04", ["SLED"] = "2027-05-03" };
        return s;
    }

    private static JsonNode Parent(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonNode node = root;
        foreach (var p in parts[..^1]) node = node[p]!;
        return node;
    }

    private static string SentenceWith(string path, Func<JsonNode?, JsonNode?> change)
    {
        var s = Sentence();
        var parent = Parent(s, path);
        var leaf = path.Split('.')[^1];
        parent[leaf] = change(parent[leaf]?.DeepClone());
        return s.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Event(string file, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Samples.DomainEvent(file, SeededApp.Crn, "C3001CC"))!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static string SnsWithInner(Action<JsonObject> change)
    {
        var sns = JsonNode.Parse(Samples.DomainEvent("12-domain-prisoner-released-sns.json", SeededApp.Crn, "C3001CC", "2026-11-19T10:00:00Z"))!.AsObject();
        var inner = JsonNode.Parse(sns["Message"]!.GetValue<string>())!.AsObject();
        change(inner);
        sns["Message"] = inner.ToJsonString();
        return sns.ToJsonString();
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>A valid sentence with the raw bytes of its 'pdu' value replaced: bytes no UTF-8 encoder produces.</summary>
    private static byte[] SentenceWithRawPdu(params byte[] raw)
    {
        var text = SentenceWith("pdu", _ => "@@PDU@@");
        var at = text.IndexOf("@@PDU@@", StringComparison.Ordinal);
        return [.. Utf8(text[..at]), .. raw, .. Utf8(text[(at + 7)..])];
    }

    private static IEnumerable<(string Name, Case Case)> All()
    {
        foreach (var field in SentenceStringFields)
            foreach (var (name, spoil) in ControlSpoilers)
                yield return ($"sentence {field} with {name}",
                    new("/api/sentences", Utf8(SentenceWith(field, v => spoil(v!.GetValue<string>()))), HttpStatusCode.BadRequest, field));

        foreach (var (field, value) in new[]
                 {
                     ("sentence.sentenceDate", "2026-11-16 "), ("sentence.sentenceDate", " 2026-11-16"), ("sentence.sentenceDate", "2026-11-16T00:00"),
                     ("sentence.sentenceDate", "2026-11-16Z"), ("person.dateOfBirth", "1991-07-14abc"), ("sentence.offenceDate", "+2026-10-02"),
                     ("dates.CRD", "2027-01-04\n"), ("occurredAt", "2026-11-16T16:20:00Z junk"), ("occurredAt", " 2026-11-16T16:20:00Z"),
                     ("occurredAt", "9999-12-31T00:00:00Z"), ("occurredAt", "1066-10-14T09:00:00Z"),
                 })
            yield return ($"sentence {field} '{value.Replace("\n", "\\n")}'", new("/api/sentences", Utf8(SentenceWith(field, _ => value)), HttpStatusCode.BadRequest, field));

        foreach (var (field, value) in new[]
                 {
                     ("sentence.remandDays", "3651"), ("sentence.remandDays", "-1"), ("sentence.remandDays", "1e10"), ("sentence.remandDays", "12.5"),
                     ("sentence.taggedBailDays", "2147483648"), ("sentence.length.months", "37"), ("sentence.length.years", "1e400"),
                     ("sentence.length.days", "-0.5"),
                 })
            yield return ($"sentence {field} = {value}", new("/api/sentences", Utf8(SentenceWith(field, _ => JsonNode.Parse(value.Replace("1e400", "1e300")) ?? null).Replace("1e+300", value).Replace("1E+300", value)), HttpStatusCode.BadRequest, field));

        foreach (var (field, value) in new[]
                 {
                     ("eventId", "123"), ("person.crn", "777519"), ("person.noms", "true"), ("sentence.sentenceId", "[\"S1\"]"),
                     ("sentence.consecutiveTo", "\"S0\""), ("person", "\"C300099\""), ("person.sex", "{\"value\":\"MALE\"}"),
                 })
            yield return ($"sentence {field} of the wrong JSON type ({value})", new("/api/sentences", Utf8(SentenceWith(field, _ => JsonNode.Parse(value))), HttpStatusCode.BadRequest, field));

        yield return ("sentence with a bare continuation byte", new("/api/sentences", SentenceWithRawPdu(0x80), HttpStatusCode.BadRequest, "body"));
        yield return ("sentence with a truncated two-byte sequence", new("/api/sentences", SentenceWithRawPdu(0xC3, 0x28), HttpStatusCode.BadRequest, "body"));
        yield return ("sentence with an overlong slash", new("/api/sentences", SentenceWithRawPdu(0xC0, 0xAF), HttpStatusCode.BadRequest, "body"));
        yield return ("sentence with an encoded surrogate", new("/api/sentences", SentenceWithRawPdu(0xED, 0xA0, 0x80), HttpStatusCode.BadRequest, "body"));
        yield return ("sentence with a 0xFF byte", new("/api/sentences", SentenceWithRawPdu(0xFF), HttpStatusCode.BadRequest, "body"));
        yield return ("sentence with a lone surrogate escape", new("/api/sentences", Utf8(SentenceWith("pdu", _ => "@S@").Replace("@S@", "\\ud800")), HttpStatusCode.BadRequest, "pdu"));
        yield return ("sentence with a NUL in a field name", new("/api/sentences", Utf8(SentenceWith("region", v => v).Replace("\"region\"", "\"reg\\u0000ion\"")), HttpStatusCode.BadRequest, null));

        const string received = "10-domain-prisoner-received.json";
        const string allocated = "11-domain-com-allocated.json";
        foreach (var (name, file, change, field) in new (string, string, Action<JsonObject>, string)[]
                 {
                     ("dated year 9999", received, e => e["occurredAt"] = "9999-12-31T23:59:59Z", "occurredAt"),
                     ("dated 1066", received, e => e["occurredAt"] = "1066-10-14T09:00:00+00:00", "occurredAt"),
                     ("dated the last second of 1899", allocated, e => e["occurredAt"] = "1899-12-31T23:59:59Z", "occurredAt"),
                     ("dated hours ahead of now", allocated, e => e["occurredAt"] = "2026-11-21T10:00:00Z", "occurredAt"),
                     ("dated a year ahead of now", received, e => e["occurredAt"] = "2027-11-20T10:00:00+01:00", "occurredAt"),
                     ("with a NUL after occurredAt", received, e => e["occurredAt"] = "2026-11-16T18:05:11Z\u0000", "occurredAt"),
                     ("with text after occurredAt", received, e => e["occurredAt"] = "2026-11-16T18:05:11Zjunk", "occurredAt"),
                     ("with a space after occurredAt", received, e => e["occurredAt"] = "2026-11-16T18:05:11Z ", "occurredAt"),
                     ("with occurredAt as a number", received, e => e["occurredAt"] = 1763316311, "occurredAt"),
                     ("with eventType as a number", received, e => e["eventType"] = 7, "eventType"),
                     ("with a NUL in eventType", received, e => e["eventType"] = "prison-offender-events.prisoner.received\u0000", "eventType"),
                     ("with a NUL in the description", received, e => e["description"] = "received\u0000", "description"),
                     ("with the description as an object", received, e => e["description"] = new JsonObject(), "description"),
                     ("with a control character in additionalInformation", received, e => e["additionalInformation"]!["reason"] = "ADMISSION\u0002", "additionalInformation.reason"),
                     ("with additionalInformation as a string", received, e => e["additionalInformation"] = "ADMISSION", "additionalInformation"),
                     ("with the NOMS number in additionalInformation as a number", received, e => e["additionalInformation"]!["nomsNumber"] = 3001, "additionalInformation.nomsNumber"),
                     ("with an identifier value as a number", allocated, e => e["personReference"]!["identifiers"]![0]!["value"] = 300001, "personReference.identifiers[0].value"),
                     ("with an identifier type as a number", allocated, e => e["personReference"]!["identifiers"]![0]!["type"] = 1, "personReference.identifiers[0].type"),
                     ("with an identifier that is a string", allocated, e => e["personReference"]!["identifiers"]![0] = "CRN C300001", "personReference.identifiers[0]"),
                     ("with identifiers as an object", allocated, e => e["personReference"]!["identifiers"] = new JsonObject { ["CRN"] = SeededApp.Crn }, "personReference.identifiers"),
                     ("with personReference as a string", allocated, e => e["personReference"] = SeededApp.Crn, "personReference"),
                     ("with a NUL after the CRN", allocated, e => e["personReference"]!["identifiers"]![0]!["value"] = SeededApp.Crn + "\u0000", "personReference.identifiers[0].value"),
                 })
            yield return ($"domain event {name}", new("/api/events", Utf8(Event(file, change)), HttpStatusCode.BadRequest, field));

        yield return ("SNS notification whose event is dated 9999", new("/api/events", Utf8(SnsWithInner(e => e["occurredAt"] = "9999-01-01T00:00:00Z")), HttpStatusCode.BadRequest, "occurredAt"));
        yield return ("SNS notification whose event has a NUL in occurredAt", new("/api/events", Utf8(SnsWithInner(e => e["occurredAt"] = "2026-11-19T10:00:00Z\u0000")), HttpStatusCode.BadRequest, "occurredAt"));
        yield return ("SNS notification whose NOMS number is a number", new("/api/events", Utf8(SnsWithInner(e => e["additionalInformation"]!["nomsNumber"] = 3001)), HttpStatusCode.BadRequest, "additionalInformation.nomsNumber"));
        yield return ("domain event with invalid UTF-8", new("/api/events",
            [.. Utf8("{\"eventType\":\"person.community.manager.allocated\",\"occurredAt\":\"2026-11-18T09:30:00Z\",\"description\":\""), 0xC3, 0x28, .. Utf8("\"}")],
            HttpStatusCode.BadRequest, "body"));

        yield return ("terminate with a NUL in the reason", new($"/api/journeys/{SeededApp.JourneyId}/terminate", Utf8("{\"reason\":\"quashed\\u0000\"}"), HttpStatusCode.BadRequest, "reason"));
        yield return ("terminate with invalid UTF-8 in the reason", new($"/api/journeys/{SeededApp.JourneyId}/terminate", [.. Utf8("{\"reason\":\"quashed"), 0xFF, .. Utf8("\"}")], HttpStatusCode.BadRequest, "body"));

        yield return ("a 10 KB continuation token", new("/api/journeys?continuationToken=" + new string('A', 10 * 1024), null, HttpStatusCode.RequestUriTooLong, null));
        yield return ("a 5 KB path", new("/api/journeys/J-C300001-" + new string('S', 5 * 1024), null, HttpStatusCode.RequestUriTooLong, null));
        yield return ("a control character in the path", new("/api/journeys/J-C300001-S1%01", null, HttpStatusCode.BadRequest, null));
        yield return ("a NUL in the query", new("/api/journeys?crn=C300001%00", null, HttpStatusCode.BadRequest, null));
        yield return ("20 KB of headers", new("/api/journeys", null, HttpStatusCode.RequestHeaderFieldsTooLarge, null,
            new() { ["x-padding"] = new string('p', 20 * 1024) }));
    }

    private static readonly Dictionary<string, Case> Cases = All().ToDictionary(c => c.Name, c => c.Case);

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void The_fuzz_set_holds_more_than_a_hundred_requests() => Assert.True(Cases.Count > 100, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_hostile_request_is_refused_as_a_problem_naming_the_field_and_changes_nothing(string name)
    {
        var @case = Cases[name];
        var before = await StateAsync();
        using var request = new HttpRequestMessage(@case.Body is null ? HttpMethod.Get : HttpMethod.Post, @case.Path);
        request.Headers.Add("x-functions-key", RunningApp.Key);
        foreach (var (k, v) in @case.Headers ?? []) request.Headers.Add(k, v);
        if (@case.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        using var response = await App.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(@case.Status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)@case.Status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Exception", text);
        if (@case.Field is { } field)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} is not named in {text}");
        Assert.Equal(before, await StateAsync());
    }

    private Task<string> StateAsync() => App.SnapshotAsync();
}
