using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Json;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Client;

/// <summary>
/// How the rest of the product drives journeys: submit an event, read a journey, and the operator's controls.
/// An event is first appended to the journey's inbox (that is the acknowledgement: once this returns, the event is
/// kept), then the journey is woken, or started if the event is the sentence that starts it. Events for a journey
/// that has not started wait in its inbox and are decided, in arrival order, by its first execution (the decider
/// parks them until the sentence and applies them then). A journey is never started twice: an instance that exists
/// in any state (running, suspended, completed, terminated, or pending) is only woken, unless it has stalled on an
/// event sent again; one that has a record but no instance is started again by any event.
/// </summary>
public sealed class JourneyClient(DurableTaskClient durable, JourneyInbox inbox, JourneyRecords records, TableClient controls, TimeProvider clock)
{
    /// <summary>Takes the event into its journey's inbox and wakes or starts the journey.</summary>
    public async Task<SubmitOutcome> SubmitAsync(string journeyId, JourneyEvent e, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(e.EventId)) throw new ArgumentException("the event has no eventId, so a repeat could not be told apart", nameof(e));
        var json = JsonSerializer.Serialize(e, JourneyJson.Options);
        var at = Stamp();
        // The look at the engine's instance goes with the append, not after it: on the usual path (a journey that
        // runs, a new event) it is all the client needs to know, and the event then costs the round trips of the
        // append and the wake-up alone.
        var appending = inbox.AppendAsync(journeyId, e.EventId, e.Kind, json, at, ct);
        var looking = EngineAsync(() => durable.GetInstanceAsync(journeyId, getInputsAndOutputs: false, ct), ct);
        await Task.WhenAll(appending, looking);
        var (appended, instance) = (await appending, await looking);
        // Woken on a duplicate too (with no item: "look at your inbox"): the first submission may have stopped between
        // its append and its wake-up; for the same reason a repeated sentence starts the journey if nothing has. Any
        // event starts a journey that has a record but no instance (storage that lost its last writes in a crash, as
        // Azurite can): the new execution finds the record and goes on from it (see ApplyTurnActivity). Events before
        // the sentence start nothing: they wait in the inbox.
        // An event sent again that its journey has long left undecided starts the journey again (StallPatience).
        var mayStart = (instance is null || appended.Duplicate) && (e is SentenceRecorded || await records.StateAsync(journeyId, ct) is not null);
        var started = mayStart && await StartIfNewAsync(journeyId, appended.Duplicate ? appended.Seq : null, ct);
        if (!started) await WakeAsync(journeyId, appended.Duplicate ? null : new InboxItem(appended.Seq, e.EventId, e.Kind, json, at), ct);
        return new SubmitOutcome(journeyId, appended.Seq, appended.Duplicate, started);
    }

    /// <summary>
    /// Waits until the journey has decided its inbox up to <paramref name="seq"/> and recorded the outcome (its state,
    /// history, read models and reminders); answers what it recorded, or null if that took longer than
    /// <paramref name="patience"/> (the event is kept and will be decided: only the answer is not known yet).
    /// </summary>
    public async Task<JourneySnapshot?> WaitForAsync(string journeyId, long seq, TimeSpan patience, CancellationToken ct)
    {
        var deadline = clock.GetTimestamp() + (long)(patience.TotalSeconds * clock.TimestampFrequency);
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await records.DecidedAsync(journeyId, ct) >= seq && await records.StateAsync(journeyId, ct) is { } s) return s;
            if (clock.GetTimestamp() > deadline) return null;
            await Task.Delay(pause, ct);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }

    /// <summary>
    /// Tells the journey the product's clock reads <paramref name="reading"/> (an inbox item with nothing to decide), so
    /// a deadline passed by that clock fires now. One reading per journey per <paramref name="bucket"/> is taken; a
    /// repeat is only a wake-up.
    /// </summary>
    public async Task<SubmitOutcome> TellTimeAsync(string journeyId, Instant reading, string bucket, CancellationToken ct)
    {
        var eventId = $"{InboxControls.ClockReading}-{bucket}";
        var at = JourneyClock.Stamp(reading);
        var appended = await inbox.AppendAsync(journeyId, eventId, InboxControls.ClockReading, "{}", at, ct);
        await WakeAsync(journeyId, appended.Duplicate ? null : new InboxItem(appended.Seq, eventId, InboxControls.ClockReading, "{}", at), ct);
        return new SubmitOutcome(journeyId, appended.Seq, appended.Duplicate, Started: false);
    }

    private string Stamp() => JourneyClock.Stamp(Instant.FromDateTimeOffset(clock.GetUtcNow()));

    /// <summary>
    /// Starts the journey's orchestration unless an instance of it exists (one that has stalled on
    /// <paramref name="undecided"/>, the inbox place of an event sent again, does not count); false if it existed.
    /// Starts of one journey from this process go one at a time: fifty copies of one sentence sent at once would
    /// otherwise all find no instance and race fifty starts of it into the engine, which then loops on the duplicates.
    /// </summary>
    private async Task<bool> StartIfNewAsync(string journeyId, long? undecided, CancellationToken ct)
    {
        var gate = _starting[(journeyId.GetHashCode() & int.MaxValue) % _starting.Length];
        await gate.WaitAsync(ct);
        try { return await StartUnlessExistsAsync(journeyId, undecided, ct); }
        finally { gate.Release(); }
    }

    private readonly SemaphoreSlim[] _starting = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private async Task<bool> StartUnlessExistsAsync(string journeyId, long? undecided, CancellationToken ct)
    {
        if (await EngineAsync(() => durable.GetInstanceAsync(journeyId, getInputsAndOutputs: false, ct), ct) is { } instance
            && !await StalledAsync(journeyId, instance, undecided, ct)) return false;
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(JourneyOrchestration.Name, JourneyCarry.Fresh,
                new StartOrchestrationOptions(InstanceId: journeyId), ct);
            return true;
        }
        catch (Exception x) when (x is not OperationCanceledException)
        {
            // Another submission started it between the look and the start; the inbox holds the event either way.
            if (await durable.GetInstanceAsync(journeyId, getInputsAndOutputs: false, ct) is null) throw;
            return false;
        }
    }

    /// <summary>
    /// How long a journey may leave an event undecided, untouched by the engine, before its instance is taken to be
    /// lost and is started again. Storage that lost its last writes in a crash (Azurite SIGKILLed: its tables and
    /// queues are saved apart) can keep the instance row and lose the start message or the history: the journey then
    /// never runs again, and the engine discards every event for it as addressed to no instance (StorageCrashTests saw
    /// such a journey answer "not decided yet" for ten minutes). A turn normally follows its event within a second;
    /// this leaves room for a host that died holding it and for a busy engine.
    /// </summary>
    public static readonly TimeSpan StallPatience = TimeSpan.FromMinutes(1);

    /// <summary>
    /// True when an event the inbox took more than <see cref="StallPatience"/> ago (the first copy of the one sent
    /// again) is still undecided and the engine has not touched the instance since: pending or running, not held by an
    /// operator (its events wait by design). Starting such a journey again is safe even if it was only slow: the
    /// new execution goes on from the journey's record, the provider runs only the start its instance row names, and
    /// the second of two starts that both ran is dropped (<c>ReconcilingOrchestrationService</c>).
    /// </summary>
    private async Task<bool> StalledAsync(string journeyId, OrchestrationMetadata instance, long? undecided, CancellationToken ct)
    {
        var before = clock.GetUtcNow() - StallPatience;
        if (undecided is not { } seq || instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running)
            || instance.LastUpdatedAt > before || await records.DecidedAsync(journeyId, ct) >= seq) return false;
        var taken = (await inbox.ReadAsync(journeyId, seq - 1, 1, ct)).FirstOrDefault();
        if (taken?.At is not { } at || !InstantPattern.ExtendedIso.Parse(at).TryGetValue(default, out var when) || when.ToDateTimeOffset() >= before) return false;
        // Only now its custom status (a look with inputs is heavier; most events never get here).
        return !Held(await durable.GetInstanceAsync(journeyId, getInputsAndOutputs: true, ct));
    }

    /// <summary>Whether the orchestration has reached an operator's hold (its custom status; read with inputs only).</summary>
    private static bool Held(OrchestrationMetadata? instance) =>
        instance?.SerializedCustomStatus?.Contains(InboxControls.HeldStatus, StringComparison.Ordinal) == true;

    /// <summary>The journey's latest recorded state and its engine status; null if it has never recorded anything.</summary>
    public async Task<JourneyStatus?> GetAsync(string journeyId, CancellationToken ct)
    {
        var snapshot = await records.StateAsync(journeyId, ct);
        var instance = await durable.GetInstanceAsync(journeyId, getInputsAndOutputs: true, ct);
        if (snapshot is null && instance is null) return null;
        return new JourneyStatus(journeyId, snapshot, instance?.RuntimeStatus, Held(instance));
    }

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string journeyId, CancellationToken ct) => records.HistoryAsync(journeyId, ct);

    /// <summary>
    /// Holds the journey: events taken after this wait, undecided, and no deadline fires, until it is released
    /// (<see cref="InboxControls"/>). The reason and who are recorded.
    /// </summary>
    public Task HoldAsync(string journeyId, string reason, string by, CancellationToken ct) =>
        ControlAsync(journeyId, InboxControls.Hold, "hold", reason, by, ct);

    /// <summary>Ends the hold: the events that waited are decided in their order, and deadlines fire again.</summary>
    public Task ReleaseAsync(string journeyId, string reason, string by, CancellationToken ct) =>
        ControlAsync(journeyId, InboxControls.Release, "release", reason, by, ct);

    private async Task ControlAsync(string journeyId, string type, string action, string reason, string by, CancellationToken ct)
    {
        var note = new ControlNote(Reason(reason), string.IsNullOrWhiteSpace(by) ? throw new ArgumentException("a control needs who acted", nameof(by)) : by.Trim());
        await RecordControlAsync(journeyId, action, note.Reason, note.By, ct);
        var eventId = $"{action}-{Guid.NewGuid():N}";
        var json = JsonSerializer.Serialize(note, JourneyJson.Options);
        var at = Stamp();
        var appended = await inbox.AppendAsync(journeyId, eventId, type, json, at, ct);
        await WakeAsync(journeyId, new InboxItem(appended.Seq, eventId, type, json, at), ct);
    }

    /// <summary>
    /// Tells the journey its inbox has something new, with a copy of the item so that a journey waiting for exactly
    /// that one needs no read; the journey uses the copy only when it is the next in the inbox.
    /// </summary>
    private Task WakeAsync(string journeyId, InboxItem? item, CancellationToken ct) =>
        EngineAsync(async () => { await durable.RaiseEventAsync(journeyId, JourneyOrchestration.WakeEvent, item, ct); return true; }, ct);

    /// <summary>
    /// A call to the engine, tried again a few times when the engine's side failed on its own storage (the local
    /// sidecar answered gRPC "Unknown" while Azurite came back after a crash). Every call made through this is safe to
    /// repeat: a look, or a wake-up (one more only makes the journey look at its inbox).
    /// </summary>
    private static async Task<T> EngineAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await call(); }
            // The client's transport is the host's business (gRPC here, the Functions host in Azure), so any failure
            // but a cancellation is tried again; one that lasts is thrown after the fifth try (about 3 s).
            catch (Exception) when (attempt < 5 && !ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), ct);
            }
        }
    }

    /// <summary>
    /// Stops the journey's orchestration for good (an operator's action: the journey's own end, with its deadlines
    /// cancelled and a fact in its history, is a <c>journey-terminated</c> event submitted like any other).
    /// </summary>
    public async Task TerminateAsync(string journeyId, string reason, string by, CancellationToken ct)
    {
        await durable.TerminateInstanceAsync(journeyId, new TerminateInstanceOptions { Output = Reason(reason) }, ct);
        await RecordControlAsync(journeyId, "terminate", reason, by, ct);
    }

    /// <summary>The controls applied to a journey, oldest first.</summary>
    public async Task<IReadOnlyList<ControlRecord>> ControlsAsync(string journeyId, CancellationToken ct)
    {
        var list = new List<ControlRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(journeyId)}");
        await foreach (var r in controls.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            list.Add(new ControlRecord(r.GetString("Action") ?? "", r.GetString("Reason") ?? "", r.GetString("By") ?? "", r.GetString("At") ?? ""));
        return list;
    }

    private async Task RecordControlAsync(string journeyId, string action, string reason, string by, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var row = new TableEntity(TableKeys.Escape(journeyId), $"{now.ToUnixTimeTicks():D19}-{Guid.NewGuid():N}")
        {
            ["Action"] = action, ["Reason"] = reason, ["By"] = by, ["At"] = InstantPattern.ExtendedIso.Format(now),
        };
        await controls.AddEntityAsync(row, ct);
    }

    private static string Reason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("a control needs a reason", nameof(reason)) : reason.Trim();
}

/// <summary>
/// Where a submitted event went: its place in the inbox (for a duplicate, that of the copy taken first), and whether
/// it started the journey.
/// </summary>
public sealed record SubmitOutcome(string JourneyId, long InboxSeq, bool Duplicate, bool Started);

/// <summary>
/// A journey as recorded (null before its first turn) and as the engine sees it (null if no instance exists);
/// <paramref name="Held"/> once its orchestration has reached an operator's hold.
/// </summary>
public sealed record JourneyStatus(string JourneyId, JourneySnapshot? Snapshot, OrchestrationRuntimeStatus? Runtime, bool Held = false);

public sealed record ControlRecord(string Action, string Reason, string By, string At);
