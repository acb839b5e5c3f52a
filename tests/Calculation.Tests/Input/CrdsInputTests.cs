using NodaTime;
using ShortSentences.Calculation.Law;
using Xunit;

namespace ShortSentences.Calculation.Tests.Input;

public sealed class CrdsInputTests
{
    private const string Valid = """
        {
          "booking": {
            "offender": { "reference": "A1", "dateOfBirth": "1990-01-01" },
            "sentences": [
              { "type": "StandardSentence", "offence": { "committedAt": "2025-01-01" },
                "duration": { "durationElements": { "MONTHS": 6 } }, "sentencedAt": "2025-02-10", "identifier": "a" },
              { "type": "StandardSentence", "offence": { "committedAt": "2025-01-01" },
                "duration": { "durationElements": { "WEEKS": 2, "DAYS": 3 } }, "sentencedAt": "2025-02-10",
                "consecutiveSentenceUUIDs": ["a"],
                "recall": { "recallType": "FIXED_TERM_RECALL_28", "returnToCustodyDate": "2025-06-01" },
                "releaseArrangements": { "sdsEarlyReleaseExclusions": ["SEXUAL"] } }
            ],
            "adjustments": { "REMAND": [ { "appliesToSentencesFrom": "2025-02-10", "numberOfDays": 5 } ] }
          },
          "userInputs": { "calculateErsed": true },
          "featureToggles": { "applyPostRecallRepealRules": true },
          "params": "sds-progression-model-october"
        }
        """;

    [Fact]
    public void A_CRDS_input_becomes_a_booking_and_options()
    {
        var (booking, options) = CrdsInput.Parse(Valid);
        Assert.Equal(new LocalDate(1990, 1, 1), booking.DateOfBirth);
        Assert.Equal(2, booking.Sentences.Count);
        Assert.Equal(new Duration(Weeks: 2, Days: 3), booking.Sentences[1].Duration);
        Assert.Equal(["a"], booking.Sentences[1].ConsecutiveTo!);
        Assert.Equal(RecallType.FixedTerm28, booking.Sentences[1].Recall!.Type);
        Assert.Equal([EarlyReleaseExclusion.Sexual], booking.Sentences[1].Exclusions);
        Assert.Equal(new Adjustment(AdjustmentKind.Remand, 5, new LocalDate(2025, 2, 10)), booking.Adjustments.Single());
        Assert.Same(Legislation.ProgressionModelOctober, options.Profile);
        Assert.True(options.Toggles.ApplyPssRepeal);
        Assert.True(options.CalculateErsed);
        Assert.Equal(LegislationDates.PssRepeal, options.EffectiveProfile.PssRepeal);
    }

    [Fact]
    public void Without_params_the_production_rules_apply_and_every_toggle_is_off()
    {
        var (_, options) = CrdsInput.Parse(Valid.Replace("\"params\": \"sds-progression-model-october\"", "\"other\": 1")
            .Replace("\"applyPostRecallRepealRules\": true", "\"x\": false"));
        Assert.Same(Legislation.CalculationParams, options.Profile);
        Assert.False(options.Toggles.ApplyPssRepeal);
    }

    [Theory]
    [InlineData("not json at all", "$", "not valid JSON")]
    [InlineData("[]", "$", "must be an object")]
    [InlineData("{}", "booking", "required field is missing")]
    public void Input_that_is_not_a_booking_is_refused(string json, string field, string message)
    {
        var e = Assert.Throws<BookingFormatException>(() => CrdsInput.Parse(json));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("\"dateOfBirth\": \"1990-01-01\"", "\"dateOfBirth\": 19900101", "booking.offender.dateOfBirth", "must be a date")]
    [InlineData("\"dateOfBirth\": \"1990-01-01\"", "\"dateOfBirth\": \"1990-02-30\"", "booking.offender.dateOfBirth", "not a real date")]
    [InlineData("\"sentencedAt\": \"2025-02-10\", \"identifier\"", "\"sentencedAt\": \"10/02/2025\", \"identifier\"", "booking.sentences[0].sentencedAt", "not a real date")]
    [InlineData("{ \"MONTHS\": 6 }", "{ \"MONTHS\": -6 }", "booking.sentences[0].duration.durationElements.MONTHS", "must not be negative")]
    [InlineData("{ \"MONTHS\": 6 }", "{ \"MONTHS\": 0 }", "booking.sentences[0].duration.durationElements", "more than zero")]
    [InlineData("{ \"MONTHS\": 6 }", "{ \"MONTHS\": \"six\" }", "booking.sentences[0].duration.durationElements.MONTHS", "whole number")]
    [InlineData("{ \"MONTHS\": 6 }", "{ \"FORTNIGHTS\": 6 }", "booking.sentences[0].duration.durationElements.FORTNIGHTS", "unknown duration unit")]
    [InlineData("{ \"MONTHS\": 6 }", "{ \"MONTHS\": 6.5 }", "booking.sentences[0].duration.durationElements.MONTHS", "whole number")]
    [InlineData("\"StandardSentence\"", "\"ExtendedDeterminate\"", "booking.sentences[0].type", "unknown sentence type")]
    [InlineData("\"committedAt\": \"2025-01-01\"", "\"when\": \"2025-01-01\"", "booking.sentences[0].offence.committedAt", "required field is missing")]
    [InlineData("\"consecutiveSentenceUUIDs\": [\"a\"]", "\"consecutiveSentenceUUIDs\": [\"zzz\"]", "booking.sentences[1].consecutiveSentenceUUIDs", "no sentence has the identifier")]
    [InlineData("\"consecutiveSentenceUUIDs\": [\"a\"]", "\"consecutiveSentenceUUIDs\": \"a\"", "booking.sentences[1].consecutiveSentenceUUIDs", "must be an array")]
    [InlineData("FIXED_TERM_RECALL_28", "FIXED_TERM_RECALL_7", "booking.sentences[1].recall.recallType", "unknown recall type")]
    [InlineData("[\"SEXUAL\"]", "[\"ARSON\"]", "booking.sentences[1].releaseArrangements.sdsEarlyReleaseExclusions[0]", "unknown early release exclusion")]
    [InlineData("\"REMAND\"", "\"REMANDS\"", "booking.adjustments.REMANDS", "unknown adjustment type")]
    [InlineData("\"numberOfDays\": 5", "\"numberOfDays\": -5", "booking.adjustments.REMAND[0].numberOfDays", "must not be negative")]
    [InlineData("\"numberOfDays\": 5", "\"numberOfDays\": 0", "booking.adjustments.REMAND[0].numberOfDays", "more than zero")]
    [InlineData("\"sds-progression-model-october\"", "\"sds-99\"", "params", "unknown rule profile")]
    [InlineData("\"calculateErsed\": true", "\"calculateErsed\": \"yes\"", "userInputs.calculateErsed", "true or false")]
    [InlineData("\"sentences\": [", "\"sentences\": [] , \"x\": [", "booking.sentences", "no sentences")]
    [InlineData("\"sdsEarlyReleaseExclusions\": [\"SEXUAL\"]", "\"isSDSPlus\": true, \"sdsEarlyReleaseExclusions\": [\"SEXUAL\"]", "booking.sentences[1].releaseArrangements.isSDSPlus", "not supported")]
    public void A_bad_field_is_refused_with_its_name(string find, string replace, string field, string message)
    {
        var json = Valid.Replace(find, replace);
        Assert.NotEqual(Valid, json);
        var e = Assert.Throws<BookingFormatException>(() => CrdsInput.Parse(json));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
        Assert.StartsWith(field, e.Message);
    }

    [Fact]
    public void A_consecutive_chain_that_loops_back_on_itself_is_refused()
    {
        var json = Valid.Replace("\"sentencedAt\": \"2025-02-10\", \"identifier\": \"a\"", "\"sentencedAt\": \"2025-02-10\", \"identifier\": \"a\", \"consecutiveSentenceUUIDs\": [\"b\"]")
            .Replace("\"consecutiveSentenceUUIDs\": [\"a\"],", "\"consecutiveSentenceUUIDs\": [\"a\"], \"identifier\": \"b\",");
        var e = Assert.Throws<BookingFormatException>(() => CrdsInput.Parse(json));
        Assert.Contains("loops", e.Message);
    }
}
