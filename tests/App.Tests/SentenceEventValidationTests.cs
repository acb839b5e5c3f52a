using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using ShortSentences.App.Events;
using Xunit;

namespace ShortSentences.App.Tests;

public class SentenceEventValidationTests
{
    private static JsonObject Sample() => JsonNode.Parse(Repo.Sample("01-sentence-6-months.json"))!.AsObject();

    private static Parsed<SentenceEvent> Parse(JsonNode node) => SentenceEventParser.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));

    private static Parsed<SentenceEvent> ParseWith(Action<JsonObject> change)
    {
        var s = Sample();
        change(s);
        return Parse(s);
    }

    private static void AssertOnlyBad(Parsed<SentenceEvent> parsed, params string[] fields)
    {
        Assert.False(parsed.IsValid);
        Assert.Null(parsed.Value);
        Assert.Equal(fields.OrderBy(f => f), parsed.Errors.Keys.OrderBy(k => k));
    }

    [Fact]
    public void A_complete_sentence_event_is_read_with_every_field()
    {
        var parsed = Parse(Sample());
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        var e = parsed.Value!;
        Assert.Equal("court-2026-11-16-X777519-S1", e.EventId);
        Assert.Equal(Instant.FromUtc(2026, 11, 16, 16, 20), e.OccurredAt);
        Assert.Equal(new PersonDetails("X777519", "A8513EA", new LocalDate(1991, 7, 14), Sex.Male), e.Person);
        Assert.Equal("London", e.Region);
        Assert.Equal("LDN-LEW", e.Pdu);
        Assert.Equal("S1", e.Sentence.SentenceId);
        Assert.Equal(new LocalDate(2026, 11, 16), e.Sentence.SentenceDate);
        Assert.Equal(new LocalDate(2026, 10, 2), e.Sentence.OffenceDate);
        Assert.Equal(new SentenceLength(0, 6, 0, 0), e.Sentence.Length);
        Assert.Equal(12, e.Sentence.RemandDays);
        Assert.Equal(0, e.Sentence.TaggedBailDays);
        Assert.Empty(e.AuthoritativeDates);
    }

    [Fact]
    public void An_empty_object_names_every_required_field()
    {
        AssertOnlyBad(Parse(new JsonObject()), "eventId", "person", "region", "pdu", "sentence");
    }

    [Fact]
    public void Missing_fields_inside_person_and_sentence_are_named_by_their_path()
    {
        var parsed = ParseWith(s =>
        {
            s["person"]!.AsObject().Remove("crn");
            s["sentence"]!.AsObject().Remove("sentenceDate");
            s["sentence"]!.AsObject().Remove("length");
        });
        AssertOnlyBad(parsed, "person.crn", "sentence.sentenceDate", "sentence.length");
    }

    [Theory]
    [InlineData("x777519")]
    [InlineData("X77751")]
    [InlineData("X7775190")]
    [InlineData("X777519\n")]
    [InlineData("X777519' or PartitionKey ne '")]
    [InlineData("")]
    public void A_CRN_that_is_not_a_letter_and_six_digits_is_refused(string crn)
    {
        var parsed = ParseWith(s => s["person"]!["crn"] = crn);
        AssertOnlyBad(parsed, "person.crn");
    }

    [Theory]
    [InlineData("A8513E")]
    [InlineData("a8513ea")]
    [InlineData("A8513EA' eq '")]
    [InlineData("18513EA")]
    public void A_NOMS_number_in_the_wrong_format_is_refused(string noms)
    {
        AssertOnlyBad(ParseWith(s => s["person"]!["noms"] = noms), "person.noms");
    }

    [Fact]
    public void The_NOMS_number_is_optional()
    {
        var parsed = ParseWith(s => s["person"]!.AsObject().Remove("noms"));
        Assert.True(parsed.IsValid);
        Assert.Null(parsed.Value!.Person.Noms);
    }

    [Theory]
    [InlineData("0000-00-00")]
    [InlineData("2025-02-30")]
    [InlineData("2025-3-3")]
    [InlineData("03/03/2025")]
    [InlineData("2025-03-03T00:00:00Z")]
    [InlineData("0001-01-01")]
    public void A_sentence_date_that_is_not_a_real_ISO_date_is_refused(string date)
    {
        AssertOnlyBad(ParseWith(s => s["sentence"]!["sentenceDate"] = date), "sentence.sentenceDate");
    }

    [Fact]
    public void A_date_given_as_a_number_is_refused_as_the_wrong_type()
    {
        var parsed = ParseWith(s => s["person"]!["dateOfBirth"] = 19910714);
        AssertOnlyBad(parsed, "person.dateOfBirth");
        Assert.Contains("string", parsed.Errors["person.dateOfBirth"][0]);
    }

    [Fact]
    public void Wrong_types_are_each_named_with_what_they_must_be()
    {
        var parsed = ParseWith(s =>
        {
            s["sentence"]!["remandDays"] = "12";
            s["sentence"]!["length"]!["months"] = 6.5;
            s["person"]!["sex"] = 1;
            s["region"] = new JsonArray();
        });
        AssertOnlyBad(parsed, "sentence.remandDays", "sentence.length.months", "person.sex", "region");
        Assert.Equal(["must be a whole number"], parsed.Errors["sentence.remandDays"]);
    }

    [Fact]
    public void Negative_remand_and_a_zero_length_are_refused()
    {
        var parsed = ParseWith(s =>
        {
            s["sentence"]!["remandDays"] = -1;
            s["sentence"]!["length"] = new JsonObject { ["months"] = 0 };
        });
        AssertOnlyBad(parsed, "sentence.remandDays", "sentence.length");
    }

    [Fact]
    public void An_offence_after_the_sentence_date_is_refused()
    {
        AssertOnlyBad(ParseWith(s => s["sentence"]!["offenceDate"] = "2026-11-17"), "sentence.offenceDate");
    }

    [Fact]
    public void A_person_under_18_on_the_sentence_date_is_outside_the_service()
    {
        var parsed = ParseWith(s => s["person"]!["dateOfBirth"] = "2008-11-17");
        AssertOnlyBad(parsed, "person.dateOfBirth");
        Assert.Contains("adults", parsed.Errors["person.dateOfBirth"][0]);
    }

    [Fact]
    public void A_person_18_on_the_sentence_date_is_inside_the_service()
    {
        Assert.True(ParseWith(s => s["person"]!["dateOfBirth"] = "2008-11-16").IsValid);
    }

    [Theory]
    [InlineData(2, 0, false)]
    [InlineData(1, 11, true)]
    [InlineData(0, 24, false)]
    public void Only_sentences_under_two_years_are_followed(int years, int months, bool accepted)
    {
        var parsed = ParseWith(s => s["sentence"]!["length"] = new JsonObject { ["years"] = years, ["months"] = months });
        Assert.Equal(accepted, parsed.IsValid);
        if (!accepted) AssertOnlyBad(parsed, "sentence.length");
    }

    [Theory]
    [InlineData("x' or '1' eq '1")]
    [InlineData("../../journeys")]
    [InlineData("id with spaces")]
    [InlineData("-starts-with-dash")]
    public void Hostile_event_and_sentence_ids_are_refused(string id)
    {
        AssertOnlyBad(ParseWith(s => { s["eventId"] = id; s["sentence"]!["sentenceId"] = id; }), "eventId", "sentence.sentenceId");
    }

    [Fact]
    public void Authoritative_dates_are_read_with_their_type_in_any_case()
    {
        var parsed = ParseWith(s => s["dates"] = new JsonObject { ["crd"] = "2025-05-30", ["SLED"] = "2025-09-02" });
        Assert.True(parsed.IsValid);
        Assert.Equal(new LocalDate(2025, 5, 30), parsed.Value!.AuthoritativeDates["CRD"]);
        Assert.Equal(new LocalDate(2025, 9, 2), parsed.Value.AuthoritativeDates["SLED"]);
    }

    [Fact]
    public void An_unknown_date_type_or_a_bad_authoritative_date_is_refused()
    {
        AssertOnlyBad(ParseWith(s => s["dates"] = new JsonObject { ["XYZ"] = "2025-05-30" }), "dates");
        AssertOnlyBad(ParseWith(s => s["dates"] = new JsonObject { ["CRD"] = "2025-13-01", ["SLED"] = "2025-09-02" }), "dates.CRD");
    }

    [Fact]
    public void Authoritative_dates_must_at_least_give_the_release_date_and_the_sentence_end()
    {
        AssertOnlyBad(ParseWith(s => s["dates"] = new JsonObject { ["CRD"] = "2025-05-30" }), "dates");
        Assert.True(ParseWith(s => s["dates"] = new JsonObject { ["ARD"] = "2025-05-30", ["SED"] = "2025-08-30" }).IsValid);
    }

    [Fact]
    public void A_sentence_cannot_be_consecutive_to_itself()
    {
        AssertOnlyBad(ParseWith(s => s["sentence"]!["consecutiveTo"] = new JsonArray("S1")), "sentence.consecutiveTo");
    }

    [Fact]
    public void A_sentence_cannot_be_concurrent_with_itself()
    {
        AssertOnlyBad(ParseWith(s => s["sentence"]!["concurrentWith"] = new JsonArray("S1")), "sentence.concurrentWith");
        Assert.True(ParseWith(s => s["sentence"]!["concurrentWith"] = new JsonArray("S0")).IsValid);
    }

    [Fact]
    public void Early_release_exclusions_must_be_known_categories()
    {
        Assert.True(ParseWith(s => s["sentence"]!["earlyReleaseExclusions"] = new JsonArray("DomesticAbuse")).IsValid);
        AssertOnlyBad(ParseWith(s => s["sentence"]!["earlyReleaseExclusions"] = new JsonArray("Shoplifting")), "sentence.earlyReleaseExclusions[0]");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"eventId\": ")]
    [InlineData("\"a string\"")]
    public void A_body_that_is_not_a_JSON_object_is_refused(string body)
    {
        var parsed = SentenceEventParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.False(parsed.IsValid);
        Assert.Equal(["body"], parsed.Errors.Keys);
    }

    [Fact]
    public void Deeply_nested_hostile_JSON_is_refused_without_parsing_it_all()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);
        var parsed = SentenceEventParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Equal(["body"], parsed.Errors.Keys);
    }
}
