using System.Text.Json;

namespace ShortSentences.Runtime;

/// <summary>
/// How one kind of journey reads its events from the wire and writes its state, events and facts as JSON. With an
/// <see cref="Journeys.Durable.IDecider{TState,TEvent,TFact}"/> it is everything the runtime needs to run that journey.
/// </summary>
public interface IJourneyCodec<TState, TEvent, TFact>
{
    /// <summary>An external event from its envelope's type and body; a bad or unknown one says why (it is dead-lettered).</summary>
    EventParse<TEvent> ParseEvent(string type, JsonElement body);

    /// <summary>True for the event that creates the journey; others arriving first are parked until it comes.</summary>
    bool StartsJourney(TEvent @event);

    /// <summary>A short name for the history ("SentenceRecorded", "TimerFired"...).</summary>
    string EventType(TEvent @event);

    /// <summary>JSON of an event for the history.</summary>
    string EncodeEvent(TEvent @event);

    /// <summary>JSON of a fact; it must be a JSON value (it is embedded in an array).</summary>
    string EncodeFact(TFact fact);

    TFact DecodeFact(string json);

    string EncodeState(TState state);

    TState DecodeState(string json);
}

public sealed record EventParse<TEvent>(TEvent? Event, string? Error)
{
    public static EventParse<TEvent> Ok(TEvent e) => new(e, null);
    public static EventParse<TEvent> Bad(string error) => new(default, error);
}
