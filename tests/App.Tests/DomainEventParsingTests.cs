using System.Text.Json.Nodes;
using NodaTime;
using ShortSentences.App.Events;
using Xunit;

namespace ShortSentences.App.Tests;

public class DomainEventParsingTests
{
    /// <summary>When the tests' events arrive: after every sample's occurredAt.</summary>
    private static readonly Instant Now = Instant.FromUtc(2027, 2, 1, 12, 0);

    private static JsonObject Received() => JsonNode.Parse(Repo.Sample("10-domain-prisoner-received.json"))!.AsObject();

    private static DomainEvent Valid(JsonNode node)
    {
        var parsed = DomainEventParser.Parse(node.ToJsonString(), Now);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return parsed.Value!;
    }

    [Fact]
    public void A_prisoner_received_event_is_read_with_the_person_and_its_details()
    {
        var e = Valid(Received());
        Assert.Equal("prison-offender-events.prisoner.received", e.EventType);
        Assert.Equal(1, e.Version);
        Assert.Equal(Instant.FromUtc(2026, 11, 16, 18, 5, 11).PlusNanoseconds(123_000_000), e.OccurredAt);
        Assert.Equal("A8513EA", e.Noms);
        Assert.Null(e.Crn);
        Assert.Equal("ADMISSION", e.Info("reason"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("\"1\"")]
    [InlineData("\"1.0\"")]
    [InlineData("null")]
    public void Version_is_read_as_a_number_or_a_string(string version)
    {
        var node = Received();
        node["version"] = JsonNode.Parse(version);
        Assert.Equal(1, Valid(node).Version);
    }

    [Fact]
    public void A_version_that_is_not_a_number_is_refused()
    {
        var node = Received();
        node["version"] = "one";
        Assert.Equal(["version"], DomainEventParser.Parse(node.ToJsonString(), Now).Errors.Keys);
    }

    [Fact]
    public void OccurredAt_with_Z_or_with_an_offset_names_the_same_instant()
    {
        var z = Received();
        z["occurredAt"] = "2025-06-01T09:00:00Z";
        var offset = Received();
        offset["occurredAt"] = "2025-06-01T10:00:00+01:00";
        Assert.Equal(Valid(z).OccurredAt, Valid(offset).OccurredAt);
    }

    [Theory]
    [InlineData("2025-06-01T10:00:00")]
    [InlineData("0000-00-00")]
    [InlineData("yesterday")]
    public void OccurredAt_without_an_offset_or_not_a_date_time_is_refused(string occurredAt)
    {
        var node = Received();
        node["occurredAt"] = occurredAt;
        Assert.Equal(["occurredAt"], DomainEventParser.Parse(node.ToJsonString(), Now).Errors.Keys);
    }

    [Theory]
    [InlineData("NOMS")]
    [InlineData("noms")]
    [InlineData("Noms")]
    public void The_identifier_type_is_read_in_any_case(string type)
    {
        var node = Received();
        node["additionalInformation"]!.AsObject().Remove("nomsNumber");
        node["personReference"] = new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["type"] = type, ["value"] = "a8513ea" }) };
        Assert.Equal("A8513EA", Valid(node).Noms);
    }

    [Fact]
    public void A_CRN_identifier_is_read_beside_a_NOMS_number()
    {
        var e = Valid(JsonNode.Parse(Repo.Sample("13-domain-licence-activated.json"))!);
        Assert.Equal("X777519", e.Crn);
        Assert.Equal("A8513EA", e.Noms);
    }

    [Fact]
    public void Without_a_person_reference_the_NOMS_number_is_taken_from_additional_information()
    {
        var node = Received();
        node.Remove("personReference");
        Assert.Equal("A8513EA", Valid(node).Noms);
    }

    [Fact]
    public void An_identifier_value_carrying_an_OData_operator_is_refused_and_named()
    {
        var node = Received();
        node["personReference"] = new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "NOMS", ["value"] = "A8513EA' or RowKey gt '" }),
        };
        Assert.Equal(["personReference.identifiers[0].value"], DomainEventParser.Parse(node.ToJsonString(), Now).Errors.Keys);
    }

    [Fact]
    public void An_SNS_notification_is_unwrapped_to_the_domain_event_inside()
    {
        var e = Valid(JsonNode.Parse(Repo.Sample("12-domain-prisoner-released-sns.json"))!);
        Assert.Equal("prison-offender-events.prisoner.released", e.EventType);
        Assert.Equal("A8513EA", e.Noms);
        Assert.Equal(Instant.FromUtc(2026, 11, 20, 9, 15), e.OccurredAt);
        Assert.Equal("RELEASED", e.Info("reason"));
    }

    [Fact]
    public void The_event_type_comes_from_the_SNS_message_attributes_when_the_event_omits_it()
    {
        var inner = Received();
        inner.Remove("eventType");
        var sns = new JsonObject
        {
            ["Type"] = "Notification",
            ["Message"] = inner.ToJsonString(),
            ["MessageAttributes"] = new JsonObject { ["eventType"] = new JsonObject { ["Type"] = "String", ["Value"] = "prison-offender-events.prisoner.received" } },
        };
        Assert.Equal("prison-offender-events.prisoner.received", Valid(sns).EventType);
    }

    [Fact]
    public void An_SNS_notification_whose_message_is_not_JSON_is_refused()
    {
        var sns = new JsonObject { ["Type"] = "Notification", ["Message"] = "{not json" };
        Assert.Equal(["Message"], DomainEventParser.Parse(sns.ToJsonString(), Now).Errors.Keys);
    }

    [Fact]
    public void The_same_event_delivered_twice_has_the_same_id_and_a_different_one_does_not()
    {
        var once = Valid(Received());
        var again = Valid(Received());
        var bare = Valid(JsonNode.Parse(JsonNode.Parse(Repo.Sample("12-domain-prisoner-released-sns.json"))!["Message"]!.GetValue<string>())!);
        var wrapped = Valid(JsonNode.Parse(Repo.Sample("12-domain-prisoner-released-sns.json"))!);
        var later = Received();
        later["occurredAt"] = "2026-11-16T18:06:00Z";
        Assert.Equal(once.EventId, again.EventId);
        Assert.Equal(bare.EventId, wrapped.EventId);
        Assert.NotEqual(once.EventId, Valid(later).EventId);
    }

    [Fact]
    public void An_event_type_that_is_not_a_dotted_name_is_refused()
    {
        var node = Received();
        node["eventType"] = "<script>alert(1)</script>";
        Assert.Equal(["eventType"], DomainEventParser.Parse(node.ToJsonString(), Now).Errors.Keys);
    }
}
