using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using ShortSentences.App.Events;
using ShortSentences.App.Journeys;
using ShortSentences.App.Tests.EndToEnd;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using Xunit;

namespace ShortSentences.App.Tests;

/// <summary>Where a sentence event goes among the person's journeys (one custodial term, DOMAIN.md section 2).</summary>
public sealed class SentenceRoutingTests
{
    private static readonly JourneyDecider Decider = new();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 10, 0);

    private static SentenceEvent Event(string sentenceId, string[]? consecutiveTo = null, string[]? concurrentWith = null)
    {
        var s = JsonNode.Parse(Samples.Sentence("X777519", "A8513EA", sentenceId))!.AsObject();
        s["sentence"]!["consecutiveTo"] = new JsonArray((consecutiveTo ?? []).Select(x => (JsonNode)x!).ToArray());
        s["sentence"]!["concurrentWith"] = new JsonArray((concurrentWith ?? []).Select(x => (JsonNode)x!).ToArray());
        var parsed = SentenceEventParser.Parse(Encoding.UTF8.GetBytes(s.ToJsonString()));
        Assert.True(parsed.IsValid);
        return parsed.Value!;
    }

    private static JourneyState Started(string sentenceId, bool released = false)
    {
        var e = Event(sentenceId);
        var state = Decider.Initial(SentenceMapping.JourneyIdOf(e));
        Decider.Decide(state, SentenceMapping.ToJourneyEvent(e, Now), Now, out state);
        if (released)
            Decider.Decide(state, new Released(new LocalDate(2026, 11, 20)) { EventId = "rel", Crn = "X777519", SentenceId = sentenceId, OccurredAt = Now }, Now, out state);
        return state;
    }

    [Fact]
    public void A_sentence_naming_one_still_in_custody_joins_its_journey_and_one_naming_a_released_journey_starts_its_own()
    {
        var inCustody = Started("S1");
        Assert.Equal(new SentenceRoute.Join("J-X777519-S1", "S1"), SentenceRouting.Route(Event("S2", consecutiveTo: ["S1"]), [inCustody]));

        var onLicence = Started("S1", released: true);
        Assert.Equal(Stage.Licence, onLicence.Stage);
        var start = Assert.IsType<SentenceRoute.Start>(SentenceRouting.Route(Event("S2", concurrentWith: ["S1"]), [onLicence]));
        Assert.Equal(["J-X777519-S1"], start.SupervisedJourneys);
    }

    [Fact]
    public void A_sentence_already_brought_into_a_journey_goes_back_to_it_whatever_it_names()
    {
        var state = Started("S1");
        var added = SentenceMapping.ToSentenceAdded(Event("S2", consecutiveTo: ["S1"]), "S1", Now);
        Decider.Decide(state, added, Now, out state);
        Assert.Equal(["S1", "S2"], state.Sentences.Select(x => x.SentenceId));
        Assert.Equal(new SentenceRoute.Join("J-X777519-S1", "S1"), SentenceRouting.Route(Event("S2"), [state]));
        // A third sentence concurrent with the second joins the same journey.
        Assert.Equal(new SentenceRoute.Join("J-X777519-S1", "S1"), SentenceRouting.Route(Event("S3", concurrentWith: ["S2"]), [state]));
    }

    [Fact]
    public void A_sentence_naming_no_sentence_starts_its_own_journey_and_one_naming_an_unknown_sentence_is_refused_by_field()
    {
        var state = Started("S1");
        Assert.Equal([], Assert.IsType<SentenceRoute.Start>(SentenceRouting.Route(Event("S2"), [state])).SupervisedJourneys);
        Assert.Equal(new SentenceRoute.UnknownSentence("sentence.concurrentWith", "S9"), SentenceRouting.Route(Event("S2", concurrentWith: ["S9"]), [state]));
        Assert.Equal(new SentenceRoute.UnknownSentence("sentence.consecutiveTo", "S1"), SentenceRouting.Route(Event("S2", consecutiveTo: ["S1"]), []));
        // Its own journey already started: a repeat or a conflict, decided where it started.
        Assert.IsType<SentenceRoute.Start>(SentenceRouting.Route(Event("S1"), [state]));
    }
}
