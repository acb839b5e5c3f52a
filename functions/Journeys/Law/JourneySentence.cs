namespace ShortSentences.Journeys.Law;

/// <summary>
/// One sentence of a journey's custodial term: the one that started it, or one passed consecutive to
/// (<paramref name="ConsecutiveTo"/>) or concurrent with (<paramref name="ConcurrentWith"/>) a sentence already in it
/// while the person was still in custody. <paramref name="AddedBy"/> is the event id that brought it in, so a repeat
/// of that event is told apart from another event for the same sentence.
/// </summary>
public sealed record JourneySentence(
    string SentenceId,
    SentenceTerms Terms,
    IReadOnlyList<string> ConsecutiveTo,
    IReadOnlyList<string> ConcurrentWith,
    string AddedBy = "")
{
    public bool IsConsecutive => ConsecutiveTo.Count > 0;
}
