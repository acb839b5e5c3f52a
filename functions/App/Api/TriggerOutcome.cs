namespace ShortSentences.App.Api;

/// <summary>
/// What a queued message's work did: <see cref="Retry"/> leaves the message for its queue to deliver again (after
/// its maximum dequeue count it goes to the poison queue), so it is only for failures a retry can cure.
/// </summary>
public sealed record TriggerOutcome(bool Retry, string Line);
