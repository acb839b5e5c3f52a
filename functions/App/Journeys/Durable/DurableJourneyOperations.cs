using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;
using ShortSentences.App.Api;
using ShortSentences.App.Events;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Client;

namespace ShortSentences.App.Journeys.Durable;

/// <summary>
/// The endpoints' operations on the journeys' Durable Task orchestrations. An event is taken into its journey's
/// inbox (from then on it is kept: that is what makes it safe to acknowledge) and the journey is woken or started;
/// the answer then waits for the journey to have decided it and recorded the outcome, so it can show the new stage,
/// dates and deadlines, as a caller expects. Reads come from what the journeys recorded, not from the engine.
/// </summary>
public sealed class DurableJourneyOperations(
    IJourneyEngine engine,
    JourneyReader reader,
    JourneyIndex index,
    ControlLog controls,
    ParkedPersonEvents parked,
    ReminderGateway reminders,
    JourneyDecider decider,
    TimeProvider clock,
    ILogger<DurableJourneyOperations> log) : IJourneyOperations
{
    /// <summary>How long an answer waits for its journey to decide the event before saying it is kept but not yet decided.</summary>
    public static readonly TimeSpan DecisionPatience = TimeSpan.FromSeconds(30);

    /// <summary>A journey whose deadline is this far past by the product's clock, and not acted on, is told the time (<see cref="FireDueDeadlinesAsync"/>).</summary>
    public static readonly Duration TimerGrace = Duration.FromMinutes(1);

    private readonly ConcurrentDictionary<string, long> _counters = new();

    public IReadOnlyDictionary<string, long> Counters => new SortedDictionary<string, long>(_counters);

    private void Count(string name, long by = 1) => _counters.AddOrUpdate(name, by, (_, n) => n + by);

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    private LocalDate Today() => Now().InZone(JourneyDecider.London).Date;

    public async Task<SentenceOutcome> StartAsync(SentenceEvent sentence, CancellationToken ct)
    {
        // One custodial term: the person's journeys, found through the index and read from their own state.
        var route = SentenceRouting.Route(sentence, await PersonJourneysAsync(sentence.Person.Crn, ct));
        if (route is SentenceRoute.UnknownSentence unknown) throw new UnknownSentenceReference(unknown.Field, unknown.SentenceId, sentence.Person.Crn);
        if (route is SentenceRoute.Join join)
        {
            if (await JoinAsync(sentence, join, ct) is { } joined) return joined;
            route = new SentenceRoute.Start([join.JourneyId]); // released meanwhile: that journey now hears of a new sentence
        }
        var outcome = await StartOwnJourneyAsync(sentence, ct);
        if (route is SentenceRoute.Start { SupervisedJourneys: { Count: > 0 } supervised }) await TellSupervisedAsync(sentence, supervised, ct);
        return outcome;
    }

    private async Task<IReadOnlyList<JourneyState>> PersonJourneysAsync(string crn, CancellationToken ct)
    {
        var states = new List<JourneyState>();
        foreach (var view in await index.ForCrnAsync(crn, Today(), ct))
            if (await reader.LoadAsync(view.JourneyId, ct) is { } j) states.Add(j.State);
        return states;
    }

    /// <summary>
    /// Brings the sentence into the journey in custody. The journey's state says which event brought it in: a repeat of
    /// that event is a duplicate, another event for the same sentence a conflict. Null when the journey did not take it
    /// (the person was released meanwhile): the sentence then starts its own journey.
    /// </summary>
    private async Task<SentenceOutcome?> JoinAsync(SentenceEvent sentence, SentenceRoute.Join join, CancellationToken ct)
    {
        var (submitted, decided) = await DecideAsync(join.JourneyId, SentenceMapping.ToSentenceAdded(sentence, join.JourneySentenceId, Now()), ct);
        var brought = decided.State.JoinedSentences.FirstOrDefault(x => x.SentenceId == sentence.Sentence.SentenceId);
        if (brought is null) return null;
        if (brought.AddedBy != sentence.EventId)
        {
            Count("sentences.conflicting");
            throw new SentenceAlreadyRecorded(join.JourneyId);
        }
        Count(submitted.Duplicate ? "sentences.duplicate" : "sentences.joined");
        return new SentenceOutcome(View(decided), submitted.Duplicate, Joined: true);
    }

    /// <summary>A new sentence while on licence or PSS: those journeys keep their dates and their COM reviews both.</summary>
    private async Task TellSupervisedAsync(SentenceEvent sentence, IReadOnlyList<string> journeyIds, CancellationToken ct)
    {
        foreach (var id in journeyIds)
        {
            if ((await reader.LoadAsync(id, ct))?.State is not { InCommunity: true } s) continue;
            var told = new NewSentenceWhileSupervised(sentence.Sentence.SentenceId)
            {
                EventId = sentence.EventId + ":new-sentence", Crn = s.Crn, Noms = s.Noms, SentenceId = s.SentenceId, OccurredAt = sentence.OccurredAt ?? Now(),
            };
            await DecideAsync(id, told, ct);
        }
    }

    private async Task<SentenceOutcome> StartOwnJourneyAsync(SentenceEvent sentence, CancellationToken ct)
    {
        var journeyId = SentenceMapping.JourneyIdOf(sentence);
        var (submitted, decided) = await DecideAsync(journeyId, SentenceMapping.ToJourneyEvent(sentence, Now()), ct);
        // Who started the journey is decided by the journey, not by what this request saw: of two different events for
        // one sentence racing, the one its inbox took second is recorded by the journey as rejected. The history entry
        // with the journey's start names the event that started it, so the loser is told 409, now and on every retry.
        if (await StartingEventIdAsync(journeyId, ct) != sentence.EventId)
        {
            Count("sentences.conflicting");
            throw new SentenceAlreadyRecorded(journeyId);
        }
        Count(submitted.Duplicate ? "sentences.duplicate" : "sentences.started");
        var view = View(decided);
        // Also on a repeat of the sentence: a crash after the start but before its parked events were applied leaves
        // them parked, and the sender's retry is what brings them in. Applied ones are ignored by the journey's inbox.
        if (await ApplyParkedAsync(journeyId, sentence.Person.Crn, sentence.Person.Noms, ct) && await reader.LoadAsync(journeyId, ct) is { } after)
            view = View(after);
        return new SentenceOutcome(view, submitted.Duplicate);
    }

    /// <summary>
    /// The id of the sentence event that started the journey: the entry whose facts say it started. Not simply the first
    /// entry: an event for the person that reached the journey's inbox before its sentence is decided first, and parked.
    /// </summary>
    private async Task<string?> StartingEventIdAsync(string journeyId, CancellationToken ct) =>
        (await reader.HistoryAsync(journeyId, ct)).FirstOrDefault(h => h.Facts.OfType<JourneyStarted>().Any())?.EventId;

    /// <summary>Applies the events that came for the person before their journey, oldest first, then forgets them.</summary>
    private async Task<bool> ApplyParkedAsync(string journeyId, string crn, string? noms, CancellationToken ct)
    {
        var early = await parked.ForPersonAsync(crn, noms, ct);
        foreach (var e in early)
        {
            await ApplyToJourneysAsync(e, [journeyId], ct);
            // Removed only once applied: if the process stops in between, the retry re-applies and the inbox drops it.
            await parked.RemoveAsync(e, ct);
            Count("domainEvents.unparked");
        }
        return early.Count > 0;
    }

    public async Task<DomainEventOutcome> ApplyAsync(DomainEvent domainEvent, CancellationToken ct)
    {
        if (!DomainEventMapping.IsKnown(domainEvent.EventType))
        {
            Count("domainEvents.unknownType");
            return new DomainEventOutcome(DomainEventOutcome.UnknownType, []);
        }
        var ids = await JourneysOfAsync(domainEvent, ct);
        if (ids.Count == 0)
        {
            if (!await parked.ParkAsync(domainEvent, ct))
            {
                Count("domainEvents.noJourney");
                return new DomainEventOutcome(DomainEventOutcome.NoJourney, []);
            }
            // A journey started while this was being parked may have looked for parked events just before: look again.
            ids = await JourneysOfAsync(domainEvent, ct);
            if (ids.Count == 0)
            {
                Count("domainEvents.parked");
                return new DomainEventOutcome(DomainEventOutcome.Parked, []);
            }
            var outcome = await ApplyToJourneysAsync(domainEvent, ids, ct);
            await parked.RemoveAsync(domainEvent, ct);
            return outcome;
        }
        return await ApplyToJourneysAsync(domainEvent, ids, ct);
    }

    private async Task<SortedSet<string>> JourneysOfAsync(DomainEvent domainEvent, CancellationToken ct)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        if (domainEvent.Crn is { } crn) foreach (var v in await index.ForCrnAsync(crn, Today(), ct)) ids.Add(v.JourneyId);
        if (domainEvent.Noms is { } noms) foreach (var id in await index.JourneyIdsForNomsAsync(noms, ct)) ids.Add(id);
        return ids;
    }

    /// <summary>
    /// The one path by which a domain event reaches journeys, whether it came now or was parked. A journey refuses an
    /// event dated after today or before its sentence before anything is recorded; the decider's own answer, asked
    /// first (it is pure), says whether the journey will reject it, so the caller hears "rejected" and why.
    /// </summary>
    private async Task<DomainEventOutcome> ApplyToJourneysAsync(DomainEvent domainEvent, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var applied = new List<string>();
        var rejected = new List<(string Id, string Reason)>();
        var refused = new List<(string Id, string Field, string Reason)>();
        var duplicates = 0;
        foreach (var id in ids)
        {
            if (await reader.LoadAsync(id, ct) is not { State: { Stage: not Stage.Ended } state }) continue;
            if (DomainEventMapping.Map(domainEvent, state) is not Mapped.ToJourney mapped) continue;
            if (decider.Refusal(state, mapped.Event, Today()) is { } refusal)
            {
                // The mapping dates journey events by the envelope's occurredAt.
                refused.Add((id, "occurredAt", refusal.Reason));
                continue;
            }
            var rejection = decider.Decide(state, mapped.Event, Now()).Facts.OfType<EventRejected>()
                .FirstOrDefault(f => f.EventId == mapped.Event.EventId && f.EventType == mapped.Event.Kind);
            var (submitted, _) = await DecideAsync(id, mapped.Event, ct);
            if (submitted.Duplicate) { duplicates++; continue; }
            if (rejection is not null) rejected.Add((id, rejection.Reason));
            else applied.Add(id);
        }
        var outcome = applied.Count > 0 ? new DomainEventOutcome(DomainEventOutcome.Applied, applied)
            : rejected.Count > 0 ? new DomainEventOutcome(DomainEventOutcome.Rejected, rejected.Select(r => r.Id).ToList(), rejected[0].Reason)
            : refused.Count > 0 ? new DomainEventOutcome(DomainEventOutcome.Refused, refused.Select(r => r.Id).ToList(), refused[0].Reason, refused[0].Field)
            : new DomainEventOutcome(duplicates > 0 ? DomainEventOutcome.Duplicate : DomainEventOutcome.Ignored, ids.ToList());
        Count("domainEvents." + outcome.Outcome);
        return outcome;
    }

    public async Task<JourneyView?> GetAsync(string journeyId, CancellationToken ct) =>
        await reader.LoadAsync(journeyId, ct) is { } j ? View(j) : null;

    public Task<JourneyPage> ListAsync(JourneyQuery query, CancellationToken ct) => index.QueryAsync(query, Today(), ct);

    public async Task<JourneyHistory?> HistoryAsync(string journeyId, CancellationToken ct)
    {
        if (await reader.LoadAsync(journeyId, ct) is null) return null;
        var entries = (await reader.HistoryAsync(journeyId, ct)).Select(h => new HistoryItem(
            h.Sequence, Events.Instants.Format(h.RecordedAt), h.EventId, h.EventType,
            JsonSerializer.Deserialize<JsonElement>(h.EventJson),
            h.Facts.Select(f => (object?)JsonSerializer.SerializeToElement(f, JourneyJson.Options)).ToList(),
            JourneyViews.OccurredOn(h.EventJson, h.RecordedAt))).ToList();
        return new JourneyHistory(journeyId, entries, await controls.ForAsync(journeyId, ct));
    }

    public Task<IReadOnlyList<JourneyView>> ForPersonAsync(string crn, CancellationToken ct) => index.ForCrnAsync(crn, Today(), ct);

    public async Task<ControlOutcome> ControlAsync(string journeyId, JourneyControl control, string reason, string by, CancellationToken ct)
    {
        if (await reader.LoadAsync(journeyId, ct) is not { State: var s }) return new ControlOutcome.NotFound();
        var now = Now();
        var eventId = $"control-{control.ToString().ToLowerInvariant()}-{now.ToUnixTimeTicks()}";
        var refusal = JourneyControls.Refusal(control, s);
        if (refusal is not null)
        {
            await controls.AddAsync(journeyId, new ControlRecord(eventId, control.ToString(), reason, ControlLog.Now(now), "refused: " + refusal, by), ct);
            return new ControlOutcome.Refused(refusal);
        }
        var @event = JourneyControls.Event(control, s, reason, by, Today()) with
        {
            EventId = eventId, Crn = s.Crn, Noms = s.Noms, SentenceId = s.SentenceId, OccurredAt = now,
        };
        await controls.AddAsync(journeyId, new ControlRecord(eventId, control.ToString(), reason, ControlLog.Now(now), "recorded", by), ct);
        var (_, decided) = await DecideAsync(journeyId, @event, ct);
        Count("controls." + control.ToString().ToLowerInvariant());
        return new ControlOutcome.Done(View(decided));
    }

    public Task<ActionOutcome> CompleteTaskAsync(string journeyId, TaskCompletion completion, CancellationToken ct) =>
        ActAsync(journeyId, s => StaffActions.Completion(s, completion, Now()), "tasks.completed", ct);

    public Task<ActionOutcome> CorrectDatesAsync(string journeyId, DateCorrection correction, CancellationToken ct) =>
        ActAsync(journeyId, s => StaffActions.Correction(s, correction, Now()), "dates.corrected", ct);

    /// <summary>A staff action: judged by the decider on the current state, delivered only when it will be applied.</summary>
    private async Task<ActionOutcome> ActAsync(string journeyId, Func<JourneyState, JourneyEvent> action, string counter, CancellationToken ct)
    {
        if (await reader.LoadAsync(journeyId, ct) is not { } j) return new ActionOutcome.NotFound();
        switch (StaffActions.Judge(decider, j.State, action(j.State), Now()))
        {
            case StaffActions.Verdict.Answer a: return a.Outcome;
            case StaffActions.Verdict.AlreadyDone: return new ActionOutcome.Done(View(j), Duplicate: true);
            case StaffActions.Verdict.Deliver d:
                // An action that lost a race with another is judged again by the journey itself: its history says why.
                var (submitted, decided) = await DecideAsync(journeyId, d.Event, ct);
                Count(counter);
                return new ActionOutcome.Done(View(decided), submitted.Duplicate);
            default: throw new InvalidOperationException("unknown verdict");
        }
    }

    /// <summary>
    /// Durable timers fire the journeys' deadlines by themselves. This finds the journeys whose next deadline is more
    /// than <see cref="TimerGrace"/> past by the product's clock and tells them the time, so they act on it: in Azure
    /// that is a timer lost or an engine that was down; under a test's or a demonstration's clock, which runs ahead of
    /// the engine's, it is how deadlines come due. Answers how many journeys were told.
    /// </summary>
    public async Task<int> FireDueDeadlinesAsync(CancellationToken ct)
    {
        var now = Now();
        var due = await index.DueBeforeAsync(now - TimerGrace, ct);
        if (due.Count == 0) return 0;
        var journeys = await engine.ClientAsync(ct);
        // One reading per journey per 10 s of the product's clock: a sweep repeated before the journey acted only wakes it.
        var bucket = (now.ToUnixTimeSeconds() / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (id, token) => await journeys.TellTimeAsync(id, now, bucket, token));
        Count("deadlines.nudged", due.Count);
        return due.Count;
    }

    public async Task<ReminderOutcome> SendReminderAsync(string message, CancellationToken ct)
    {
        var outcome = await reminders.SendAsync(message, ct);
        Count("reminders." + (outcome.Sent ? "sent" : outcome.Retry ? "retry" : "settled"));
        return outcome;
    }

    /// <summary>
    /// Submits the event and waits for its journey to have decided it (for a repeat, the first copy); answers where it
    /// went and the journey as recorded after it. The event is kept once submitted, whether or not the wait succeeds.
    /// </summary>
    private async Task<(SubmitOutcome Submitted, RecordedJourney Decided)> DecideAsync(string journeyId, JourneyEvent @event, CancellationToken ct)
    {
        var journeys = await engine.ClientAsync(ct);
        var submitted = await journeys.SubmitAsync(journeyId, @event, ct);
        var snapshot = await journeys.WaitForAsync(journeyId, submitted.InboxSeq, DecisionPatience, ct) ?? throw new JourneyNotYetDecided(journeyId);
        log.LogDebug("{Journey}: {Event} decided{Duplicate}", journeyId, @event.Kind, submitted.Duplicate ? " (a repeat)" : "");
        return (submitted, JourneyReader.Started(snapshot) ?? throw new InvalidOperationException($"journey {journeyId} has not started"));
    }

    private JourneyView View(RecordedJourney j) => JourneyViews.From(j.State, j.Version, Today());
}
