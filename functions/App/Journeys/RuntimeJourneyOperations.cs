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
using ShortSentences.Runtime;
using ShortSentences.Runtime.Workers;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The endpoints' operations on the durable runtime: each request steps its journeys synchronously (so the answer
/// can show the new stage, dates and deadlines), dispatches the step's reminders to the queue, and refreshes the index.
/// </summary>
public sealed class RuntimeJourneyOperations(
    JourneyRuntime<JourneyState, JourneyEvent, JourneyFact> runtime,
    JourneyIndex index,
    ControlLog controls,
    ParkedPersonEvents parked,
    OutboxDispatcher outbox,
    ReminderGateway reminders,
    JourneyDecider decider,
    TimeProvider clock,
    ILogger<RuntimeJourneyOperations> log) : IJourneyOperations
{
    private readonly ConcurrentDictionary<string, long> _counters = new();

    public IReadOnlyDictionary<string, long> Counters => new SortedDictionary<string, long>(_counters);

    private void Count(string name) => _counters.AddOrUpdate(name, 1, (_, n) => n + 1);

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
            if ((await runtime.Load(view.JourneyId, ct)) is { Started: true, State: { } s }) states.Add(s);
        return states;
    }

    /// <summary>
    /// Brings the sentence into the journey in custody. The journey's state says which event brought it in: a repeat of
    /// that event is a duplicate, another event for the same sentence a conflict. Null when the journey did not take it
    /// (the person was released meanwhile): the sentence then starts its own journey.
    /// </summary>
    private async Task<SentenceOutcome?> JoinAsync(SentenceEvent sentence, SentenceRoute.Join join, CancellationToken ct)
    {
        var step = await Step(join.JourneyId, SentenceMapping.ToSentenceAdded(sentence, join.JourneySentenceId, Now()), ct);
        var snapshot = await runtime.Load(join.JourneyId, ct);
        var brought = snapshot.State?.JoinedSentences.FirstOrDefault(x => x.SentenceId == sentence.Sentence.SentenceId);
        var view = await RefreshAsync(join.JourneyId, ct);
        if (brought is null || view is null) return null;
        if (brought.AddedBy != sentence.EventId)
        {
            Count("sentences.conflicting");
            throw new SentenceAlreadyRecorded(join.JourneyId);
        }
        var duplicate = step.Result == StepResult.Duplicate;
        Count(duplicate ? "sentences.duplicate" : "sentences.joined");
        return new SentenceOutcome(view, duplicate, Joined: true);
    }

    /// <summary>A new sentence while on licence or PSS: those journeys keep their dates and their COM reviews both.</summary>
    private async Task TellSupervisedAsync(SentenceEvent sentence, IReadOnlyList<string> journeyIds, CancellationToken ct)
    {
        foreach (var id in journeyIds)
        {
            if ((await runtime.Load(id, ct)).State is not { InCommunity: true } s) continue;
            var told = new NewSentenceWhileSupervised(sentence.Sentence.SentenceId)
            {
                EventId = sentence.EventId + ":new-sentence", Crn = s.Crn, Noms = s.Noms, SentenceId = s.SentenceId, OccurredAt = sentence.OccurredAt ?? Now(),
            };
            await Step(id, told, ct);
            await RefreshAsync(id, ct);
        }
    }

    private async Task<SentenceOutcome> StartOwnJourneyAsync(SentenceEvent sentence, CancellationToken ct)
    {
        var journeyId = SentenceMapping.JourneyIdOf(sentence);
        var started = SentenceMapping.ToJourneyEvent(sentence, Now());
        var step = await Step(journeyId, started, ct);
        // Who started the journey is decided by storage, not by what this request saw before its step: of two
        // different events for one sentence racing, both may find no journey, and the one whose step came second is
        // recorded by the journey as rejected. The journey's first history entry names the event that started it, so
        // the loser is told 409, now and on every retry (its repeat is a duplicate in the inbox, still not the starter).
        if (await StartingEventIdAsync(journeyId, ct) != sentence.EventId)
        {
            Count("sentences.conflicting");
            await RefreshAsync(journeyId, ct); // the rejection is in the journey's history now
            throw new SentenceAlreadyRecorded(journeyId);
        }
        var view = await RefreshAsync(journeyId, ct) ?? throw new InvalidOperationException($"journey {journeyId} did not start");
        var duplicate = step.Result == StepResult.Duplicate;
        Count(duplicate ? "sentences.duplicate" : "sentences.started");
        // Also on a repeat of the sentence: a crash after the start but before its parked events were applied leaves
        // them parked, and the sender's retry is what brings them in. Applied ones are ignored by the journey's inbox.
        if (await ApplyParkedAsync(journeyId, sentence.Person.Crn, sentence.Person.Noms, ct))
            view = await RefreshAsync(journeyId, ct) ?? view;
        return new SentenceOutcome(view, duplicate);
    }

    /// <summary>The id of the event the journey's history begins with: the sentence event that started it.</summary>
    private async Task<string?> StartingEventIdAsync(string journeyId, CancellationToken ct) =>
        (await runtime.History(journeyId, ct)).FirstOrDefault()?.EventId;

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
            var snapshot = await runtime.Load(id, ct);
            if (!snapshot.Started || snapshot.State is not { } state || state.Stage == Stage.Ended) continue;
            if (DomainEventMapping.Map(domainEvent, state) is not Mapped.ToJourney mapped) continue;
            if (decider.Refusal(state, mapped.Event, Today()) is { } refusal)
            {
                // The mapping dates journey events by the envelope's occurredAt.
                refused.Add((id, "occurredAt", refusal.Reason));
                continue;
            }
            var rejection = decider.Decide(state, mapped.Event, Now()).Facts.OfType<EventRejected>()
                .FirstOrDefault(f => f.EventId == mapped.Event.EventId && f.EventType == mapped.Event.Kind);
            var step = await Step(id, mapped.Event, ct);
            if (step.Result == StepResult.Duplicate) { duplicates++; continue; }
            if (rejection is not null) rejected.Add((id, rejection.Reason));
            else applied.Add(id);
            await RefreshAsync(id, ct);
        }
        var outcome = applied.Count > 0 ? new DomainEventOutcome(DomainEventOutcome.Applied, applied)
            : rejected.Count > 0 ? new DomainEventOutcome(DomainEventOutcome.Rejected, rejected.Select(r => r.Id).ToList(), rejected[0].Reason)
            : refused.Count > 0 ? new DomainEventOutcome(DomainEventOutcome.Refused, refused.Select(r => r.Id).ToList(), refused[0].Reason, refused[0].Field)
            : new DomainEventOutcome(duplicates > 0 ? DomainEventOutcome.Duplicate : DomainEventOutcome.Ignored, ids.ToList());
        Count("domainEvents." + outcome.Outcome);
        return outcome;
    }

    public async Task<JourneyView?> GetAsync(string journeyId, CancellationToken ct)
    {
        var snapshot = await runtime.Load(journeyId, ct);
        return snapshot is { Started: true, State: { } s } ? JourneyViews.From(s, snapshot.Sequence, Today()) : null;
    }

    public Task<JourneyPage> ListAsync(JourneyQuery query, CancellationToken ct) => index.QueryAsync(query, Today(), ct);

    public async Task<JourneyHistory?> HistoryAsync(string journeyId, CancellationToken ct)
    {
        if (!(await runtime.Load(journeyId, ct)).Started) return null;
        var entries = (await runtime.History(journeyId, ct)).Select(h => new HistoryItem(
            h.Sequence, Events.Instants.Format(h.RecordedAt), h.EventId, h.EventType,
            JsonSerializer.Deserialize<JsonElement>(h.EventJson),
            h.Facts.Select(f => (object?)JsonSerializer.SerializeToElement(f, JourneyJson.Options)).ToList(),
            JourneyViews.OccurredOn(h.EventJson, h.RecordedAt))).ToList();
        return new JourneyHistory(journeyId, entries, await controls.ForAsync(journeyId, ct));
    }

    public Task<IReadOnlyList<JourneyView>> ForPersonAsync(string crn, CancellationToken ct) => index.ForCrnAsync(crn, Today(), ct);

    public async Task<ControlOutcome> ControlAsync(string journeyId, JourneyControl control, string reason, string by, CancellationToken ct)
    {
        var snapshot = await runtime.Load(journeyId, ct);
        if (snapshot is not { Started: true, State: { } s }) return new ControlOutcome.NotFound();
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
        await Step(journeyId, @event, ct);
        Count("controls." + control.ToString().ToLowerInvariant());
        return new ControlOutcome.Done((await RefreshAsync(journeyId, ct))!);
    }

    public Task<ActionOutcome> CompleteTaskAsync(string journeyId, TaskCompletion completion, CancellationToken ct) =>
        ActAsync(journeyId, s => StaffActions.Completion(s, completion, Now()), "tasks.completed", ct);

    public Task<ActionOutcome> CorrectDatesAsync(string journeyId, DateCorrection correction, CancellationToken ct) =>
        ActAsync(journeyId, s => StaffActions.Correction(s, correction, Now()), "dates.corrected", ct);

    /// <summary>A staff action: judged by the decider on the current state, delivered only when it will be applied.</summary>
    private async Task<ActionOutcome> ActAsync(string journeyId, Func<JourneyState, JourneyEvent> action, string counter, CancellationToken ct)
    {
        var snapshot = await runtime.Load(journeyId, ct);
        if (snapshot is not { Started: true, State: { } s }) return new ActionOutcome.NotFound();
        switch (StaffActions.Judge(decider, s, action(s), Now()))
        {
            case StaffActions.Verdict.Answer a: return a.Outcome;
            case StaffActions.Verdict.AlreadyDone:
                return new ActionOutcome.Done(JourneyViews.From(s, snapshot.Sequence, Today()), Duplicate: true);
            case StaffActions.Verdict.Deliver d:
                // A step that lost a race with another is judged again by the journey itself: its history says why.
                var step = await Step(journeyId, d.Event, ct);
                Count(counter);
                return new ActionOutcome.Done((await RefreshAsync(journeyId, ct))!, step.Result == StepResult.Duplicate);
            default: throw new InvalidOperationException("unknown verdict");
        }
    }

    public async Task<int> FireDueDeadlinesAsync(CancellationToken ct)
    {
        var due = await runtime.Due.DueNow(ct);
        var fired = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (entry, token) =>
        {
            var outcome = await runtime.FireTimer(entry.JourneyId, entry.TimerId, entry.DueAt, token);
            if (outcome.Result == StepResult.NotYetDue) return;
            if (outcome.Result == StepResult.Applied)
            {
                Interlocked.Increment(ref fired);
                if (outcome.Commands.Count > 0) await outbox.TryDispatchJourney(entry.JourneyId, token);
                await RefreshAsync(entry.JourneyId, token);
            }
            await runtime.Due.Remove(entry, token);
        });
        // Reminders a crashed step left in an outbox go out now.
        await outbox.Sweep(ct);
        _counters.AddOrUpdate("deadlines.fired", fired, (_, n) => n + fired);
        return fired;
    }

    public async Task<ReminderOutcome> SendReminderAsync(string message, CancellationToken ct)
    {
        var outcome = await reminders.SendAsync(message, ct);
        Count("reminders." + (outcome.Sent ? "sent" : outcome.Retry ? "retry" : "settled"));
        return outcome;
    }

    private async Task<StepOutcome> Step(string journeyId, JourneyEvent @event, CancellationToken ct)
    {
        var outcome = await runtime.Deliver(journeyId, @event.EventId, @event.Kind, JourneyCodec.Body(@event), @event, ct);
        if (outcome.Commands.Count > 0) await outbox.TryDispatchJourney(journeyId, ct);
        log.LogDebug("{Journey}: {Event} {Result}", journeyId, @event.Kind, outcome.Result);
        return outcome;
    }

    /// <summary>Reads the journey after a step and rewrites its index row; null if it has not started.</summary>
    private async Task<JourneyView?> RefreshAsync(string journeyId, CancellationToken ct)
    {
        var snapshot = await runtime.Load(journeyId, ct);
        if (snapshot is not { Started: true, State: { } s }) return null;
        var view = JourneyViews.From(s, snapshot.Sequence, Today());
        await index.PutAsync(view, ct);
        return view;
    }
}

/// <summary>A second sentence event with a new event id for a sentence that already has its journey.</summary>
public sealed class SentenceAlreadyRecorded(string journeyId) : Exception($"journey {journeyId} already exists")
{
    public string JourneyId { get; } = journeyId;
}
