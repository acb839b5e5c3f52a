using System.Text.Json.Nodes;
using NodaTime;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>The repository's samples, re-addressed to a person of the test's own so tests sharing storage never meet.</summary>
public static class Samples
{
    /// <summary>The instant the end-to-end tests start at: a few days after the sample sentences were passed.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 20, 10, 0);

    public static string Sentence(string crn, string noms, string sentenceId = "S1", string? eventId = null)
    {
        var s = JsonNode.Parse(Repo.Sample("01-sentence-6-months.json"))!.AsObject();
        s["eventId"] = eventId ?? $"court-{crn}-{sentenceId}";
        s["person"]!["crn"] = crn;
        s["person"]!["noms"] = noms;
        s["sentence"]!["sentenceId"] = sentenceId;
        return s.ToJsonString();
    }

    /// <summary>A domain event sample for another person (its NOMS number and CRN replaced), optionally at another time.</summary>
    public static string DomainEvent(string file, string crn, string noms, string? occurredAt = null)
    {
        var text = Repo.Sample(file).Replace("A8513EA", noms).Replace("X777519", crn);
        var node = JsonNode.Parse(text)!.AsObject();
        if (occurredAt is null) return node.ToJsonString();
        if (node["Message"] is { } message)
        {
            var inner = JsonNode.Parse(message.GetValue<string>())!.AsObject();
            inner["occurredAt"] = occurredAt;
            node["Message"] = inner.ToJsonString();
        }
        else node["occurredAt"] = occurredAt;
        return node.ToJsonString();
    }
}
