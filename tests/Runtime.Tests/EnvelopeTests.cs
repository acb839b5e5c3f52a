using Xunit;

namespace ShortSentences.Runtime.Tests;

public sealed class EnvelopeTests
{
    [Fact]
    public void A_well_formed_envelope_gives_its_ids_type_and_body()
    {
        var (e, error) = EventEnvelope.Read("""{"eventId":"e1","journeyId":"J-X1-S1","type":"Open","body":{"crn":"X1"}}""", 1000);
        Assert.Null(error);
        Assert.Equal(("e1", "J-X1-S1", "Open"), (e!.EventId, e.JourneyId, e.Type));
        Assert.Equal("X1", e.Body.GetProperty("crn").GetString());
    }

    [Theory]
    [InlineData("[1,2]", "not an event: the message must be a JSON object")]
    [InlineData("""{"journeyId":"J","type":"Open","body":{}}""", "not an event: 'eventId' is missing or empty")]
    [InlineData("""{"eventId":"e","type":"Open","body":{}}""", "event e: 'journeyId' is missing or empty")]
    [InlineData("""{"eventId":"e","journeyId":"J","body":{}}""", "event e: 'type' is missing or empty")]
    [InlineData("""{"eventId":"e","journeyId":"J","type":"Open","body":"x"}""", "event e: 'body' must be a JSON object")]
    public void An_envelope_missing_a_part_is_refused_with_the_part_named(string text, string reason) =>
        Assert.Equal(reason, EventEnvelope.Read(text, 1000).Error);

    [Fact]
    public void A_message_over_the_limit_is_refused_as_oversized_before_it_is_parsed() =>
        Assert.Equal("oversized: the message has 12 characters and the limit is 10", EventEnvelope.Read("{not json!!}", 10).Error);
}

public sealed class JourneyKeysTests
{
    [Theory]
    [InlineData("J-X777519-S1")]
    [InlineData("J-1/com-allocation/overdue")]
    [InlineData("a\\b#c?d%e~f\tg")]
    public void Any_id_becomes_a_key_the_table_service_accepts_and_reads_back_unchanged(string id)
    {
        var key = Storage.JourneyKeys.Escape(id);
        ShortSentences.Storage.Tables.TableKeys.Validate(key);
        Assert.Equal(id, Storage.JourneyKeys.Unescape(key));
    }
}
