using ShortSentences.App.Events;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.App.Journeys;

/// <summary>Where a sentence event goes, given the person's journeys (pure, so every engine routes alike).</summary>
public abstract record SentenceRoute
{
    /// <summary>
    /// The sentence starts (or, repeated, finds) its own journey; <paramref name="SupervisedJourneys"/> are the person's
    /// journeys on licence or PSS, which hear of it (their COM reviews both sentences) and keep their own dates.
    /// </summary>
    public sealed record Start(IReadOnlyList<string> SupervisedJourneys) : SentenceRoute;

    /// <summary>The sentence joins the person's journey in custody (or was already brought into it).</summary>
    public sealed record Join(string JourneyId, string JourneySentenceId) : SentenceRoute;

    /// <summary>The sentence names one the person has no journey for: refused, nothing recorded.</summary>
    public sealed record UnknownSentence(string Field, string SentenceId) : SentenceRoute;
}

/// <summary>
/// One custodial term (DOMAIN.md section 2): a sentence passed consecutive to, or concurrent with, a sentence of a journey
/// still in custody joins that journey; one passed while that journey is in the community, or naming no sentence, starts
/// its own. A sentence already brought into a journey goes back to it (a repeat is a duplicate there).
/// </summary>
public static class SentenceRouting
{
    public static SentenceRoute Route(SentenceEvent e, IReadOnlyList<JourneyState> journeys)
    {
        var id = e.Sentence.SentenceId;
        foreach (var j in journeys)
            if (j.SentenceId != id && j.JoinedSentences.Any(x => x.SentenceId == id)) return new SentenceRoute.Join(j.JourneyId, j.SentenceId);
        var supervised = journeys.Where(j => j.InCommunity && j.SentenceId != id).Select(j => j.JourneyId).Order(StringComparer.Ordinal).ToList();
        if (journeys.Any(j => j.SentenceId == id)) return new SentenceRoute.Start(supervised);
        foreach (var (field, named) in new[] { ("sentence.consecutiveTo", e.Sentence.ConsecutiveTo), ("sentence.concurrentWith", e.Sentence.ConcurrentWith) })
            foreach (var n in named)
            {
                var holder = journeys.FirstOrDefault(j => j.Sentences.Any(x => x.SentenceId == n));
                if (holder is null) return new SentenceRoute.UnknownSentence(field, n);
                if (holder.InCustodyBeforeRelease) return new SentenceRoute.Join(holder.JourneyId, holder.SentenceId);
            }
        return new SentenceRoute.Start(supervised);
    }
}

/// <summary>A sentence event names a sentence (consecutive to, concurrent with) that the person has no journey for.</summary>
public sealed class UnknownSentenceReference(string field, string sentenceId, string crn)
    : Exception($"names sentence {sentenceId}, which no journey of {crn} has: send that sentence first")
{
    public string Field { get; } = field;
}
