using System.Text.Json;
using NodaTime;
using ShortSentences.Runtime.Samples;

namespace ShortSentences.Runtime.Tests.FaultTest;

public sealed record ReferenceEntry(string EventId, string EventType, string EventJson, IReadOnlyList<string> Facts);

/// <summary>
/// The same script applied in memory with no storage, no queues and no failures: the rules the runtime promises
/// (de-duplicate by event id, park events until the start, then apply them in arrival order, fire due timers) applied
/// directly to the decider. The durable run must end exactly here.
/// </summary>
public sealed class ReferenceRun
{
    private readonly CountingDecider _decider = new();
    private readonly CountingCodec _codec = new();
    private readonly HashSet<string> _seen = [];
    private readonly Dictionary<string, CountingState> _states = [];
    private readonly Dictionary<string, List<ReferenceEntry>> _histories = [];
    private readonly Dictionary<string, List<ScriptedMessage>> _parked = [];

    public IReadOnlyDictionary<string, CountingState> States => _states;
    public IReadOnlyDictionary<string, List<ReferenceEntry>> Histories => _histories;
    public List<string> ReminderKeys { get; } = [];
    public int EventsApplied { get; private set; }
    public int TimersFired { get; private set; }

    /// <summary>
    /// Applies one step of one journey, then fires its timers due by <paramref name="now"/>; returns the journey's
    /// expected history length (0 if not started) and parked events.
    /// </summary>
    public (long Sequence, long Parked) Apply(string journeyId, IReadOnlyList<ScriptedMessage> step, Instant now)
    {
        foreach (var m in step)
        {
            if (!_seen.Add(m.EventId)) continue;
            using var body = JsonDocument.Parse(m.Body.ToJsonString());
            var e = _codec.ParseEvent(m.Type, body.RootElement).Event!;
            if (!_states.ContainsKey(m.JourneyId))
            {
                if (!_codec.StartsJourney(e))
                {
                    (_parked.TryGetValue(m.JourneyId, out var p) ? p : _parked[m.JourneyId] = []).Add(m);
                    continue;
                }
                _states[m.JourneyId] = _decider.Initial(m.JourneyId);
                _histories[m.JourneyId] = [];
                Step(m.JourneyId, e, m.EventId, now);
                foreach (var parked in _parked.GetValueOrDefault(m.JourneyId) ?? [])
                {
                    using var pb = JsonDocument.Parse(parked.Body.ToJsonString());
                    Step(m.JourneyId, _codec.ParseEvent(parked.Type, pb.RootElement).Event!, parked.EventId, now);
                }
                _parked.Remove(m.JourneyId);
                continue;
            }
            Step(m.JourneyId, e, m.EventId, now);
        }
        foreach (var id in _states.Keys.Where(k => k == journeyId).ToList())
        {
            while (_decider.OpenTimers(_states[id]).Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).FirstOrDefault() is { } t)
            {
                Step(id, _decider.TimerFired(t), JourneyRuntime<CountingState, CountingEvent, CountingFact>.TimerEventId(t.Id, t.DueAt), now);
                TimersFired++;
            }
        }
        return _states.ContainsKey(journeyId)
            ? (_histories[journeyId].Count, 0)
            : (0, _parked.GetValueOrDefault(journeyId)?.Count ?? 0);
    }

    private void Step(string journeyId, CountingEvent e, string eventId, Instant now)
    {
        var decision = _decider.Decide(_states[journeyId], e, now);
        foreach (var f in decision.Facts) _states[journeyId] = _decider.Evolve(_states[journeyId], f);
        _histories[journeyId].Add(new ReferenceEntry(eventId, _codec.EventType(e), _codec.EncodeEvent(e),
            decision.Facts.Select(_codec.EncodeFact).ToList()));
        ReminderKeys.AddRange(decision.Commands.Select(c => c.IdempotencyKey));
        EventsApplied++;
    }
}
