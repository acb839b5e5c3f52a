using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Simulation;

/// <summary>
/// One synthetic person, all their sentences, driven by a virtual clock: a priority queue of what staff, the person
/// and the feeds will do next, merged with the journeys' own timers; the clock jumps to whichever is due first.
/// Everything random comes from the person's own seeded generator, so people can run in parallel reproducibly.
/// </summary>
internal sealed partial class PersonSimulation
{
    private sealed record Pending(int Journey, Func<JourneyState, LocalDate, JourneyEvent?> Make);

    private readonly JourneyDecider _decider;
    private readonly Random _rng;
    private readonly CohortRates _rates;
    private readonly Instant _end;
    private readonly LocalDate _to;
    private readonly PriorityQueue<Pending, (long, long)> _queue = new();
    private readonly List<JourneyDriver> _journeys = new(2);
    private readonly List<bool> _hdc = new(2);
    private readonly PersonTally _tally = new();
    private readonly string _crn, _region, _pdu;
    private long _seq;
    private int _eventNo;

    /// <summary>Set to keep each journey's delivered events (for the benchmark).</summary>
    public bool RecordInputs { get; init; }
    public IEnumerable<JourneyDriver> Journeys => _journeys;

    public PersonSimulation(JourneyDecider decider, CohortRates rates, ulong seed, int index, LocalDate to)
    {
        _decider = decider;
        _rates = rates;
        _rng = new Random((int)(Mix(seed, (ulong)index) & 0x7fffffff));
        _to = to;
        _end = to.PlusDays(1).AtStartOfDayInZone(JourneyDecider.London).ToInstant();
        _crn = $"X{index:D6}";
        var region = _rng.Next(12);
        _region = Regions[region];
        _pdu = $"{_region} PDU {_rng.Next(1, 6)}";
        _tally.Woman = _rng.NextDouble() < rates.Women;
        _tally.NoFixedAbode = _rng.NextDouble() < rates.NoFixedAbode;
    }

    private static readonly string[] Regions =
    [
        "North East", "North West", "Yorkshire and the Humber", "Greater Manchester", "East Midlands", "West Midlands",
        "East of England", "London", "Kent Surrey and Sussex", "South West", "South Central", "Wales",
    ];

    /// <summary>SplitMix64: a per-person seed from the master seed (no process-randomised hashing).</summary>
    private static ulong Mix(ulong seed, ulong index)
    {
        var z = seed * 0x9E3779B97F4A7C15UL + index + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public PersonTally Run(LocalDate firstSentence)
    {
        NewJourney(firstSentence);
        while (true)
        {
            var (timerJourney, timerAt) = NextTimer();
            var hasPending = _queue.TryPeek(out var pending, out var key);
            var pendingAt = hasPending ? Instant.FromUnixTimeTicks(key.Item1) : Instant.MaxValue;
            if (timerJourney >= 0 && timerAt <= pendingAt)
            {
                if (timerAt > _end) break;
                var driver = _journeys[timerJourney];
                React(timerJourney, driver.Fire(driver.NextTimer()!), timerAt);
                continue;
            }
            if (!hasPending || pendingAt > _end) break;
            _queue.Dequeue();
            var state = _journeys[pending!.Journey].State;
            if (pending.Make(state, pendingAt.InZone(JourneyDecider.London).Date) is { } e) Deliver(pending.Journey, e, pendingAt);
        }
        foreach (var j in _journeys) Collect(j);
        return _tally;
    }

    private (int Journey, Instant At) NextTimer()
    {
        var best = -1;
        var at = Instant.MaxValue;
        for (var i = 0; i < _journeys.Count; i++)
            if (_decider.NextTimerAt(_journeys[i].State) is { } t && t < at) { at = t; best = i; }
        return (best, at);
    }

    private void Deliver(int journey, JourneyEvent e, Instant at)
    {
        var decision = _journeys[journey].Deliver(e, at);
        if (ReferenceEquals(decision, Decision<JourneyFact>.Nothing) && _journeys[journey].State.Handled.Contains(e.EventId)) _tally.Duplicates++;
        React(journey, decision, at);
        // Upstream feeds repeat events (prison movements are delayed and may be sent twice).
        if (_rng.NextDouble() < _rates.DuplicateEvent) Schedule(at.Plus(Duration.FromMinutes(45)), journey, (_, _) => e);
    }

    private void Schedule(Instant at, int journey, Func<JourneyState, LocalDate, JourneyEvent?> make) =>
        _queue.Enqueue(new Pending(journey, make), (at.ToUnixTimeTicks(), _seq++));

    private Instant AtHour(LocalDate day, int hour) => day.At(new LocalTime(hour, 0)).InZoneLeniently(JourneyDecider.London).ToInstant();

    private Instant Daytime(LocalDate day) => AtHour(day, _rng.Next(10, 17));

    private T Stamp<T>(int journey, T e) where T : JourneyEvent
    {
        var j = _journeys[journey].State;
        return e with { EventId = $"{j.JourneyId}#{++_eventNo}", Crn = _crn, SentenceId = SentenceIdOf(journey) };
    }

    private static string SentenceIdOf(int journey) => $"S{journey + 1}";

    private void Collect(JourneyDriver j)
    {
        var s = j.State;
        if (s.LicenceStartedOn is { } ls && s.LicenceEndedOn is { } le) _tally.LicenceDays.Add(Period.Between(ls, le, PeriodUnits.Days).Days);
        if (s.PssStartedOn is { } ps && s.PssEndedOn is { } pe) _tally.PssDays.Add(Period.Between(ps, pe, PeriodUnits.Days).Days);
        _tally.Transitions += j.Transitions;
    }
}
