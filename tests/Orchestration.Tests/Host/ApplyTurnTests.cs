using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.Orchestration.Activities;
using ShortSentences.Orchestration.Storage;
using ShortSentences.Orchestration.Tests.Loop;
using Xunit;
using static ShortSentences.Orchestration.Tests.Host.DurableHostFixture;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// The turn's activity on real storage when two decisions of one turn both arrive (a crash let the turn be decided
/// twice): whichever is recorded first stands, and the other is answered with it and writes nothing of its own.
/// </summary>
[Collection(DurableHostCollection.Name)]
public class ApplyTurnTests(DurableHostFixture host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_second_decision_of_a_turn_already_recorded_is_answered_with_the_first_and_leaves_its_history_alone()
    {
        var (id, recorded) = await JourneyWithItsFirstTurn();
        var first = NextTurn(recorded, held: false, "first", entries: 1);
        var second = NextTurn(recorded, held: true, "second", entries: 1);

        Assert.Null((await Apply(first)).Stored);
        var answer = await Apply(second);

        Assert.Equal(first.Snapshot.Fingerprint, answer.Fingerprint);
        Assert.Equal(first.Snapshot.Fingerprint, answer.Stored!.Fingerprint);
        Assert.Equal(first.Snapshot.Fingerprint, (await host.Records.StateAsync(id, None))!.Fingerprint);
        var history = await host.Records.HistoryAsync(id, None);
        Assert.Contains(history, e => e.EventId == "first-0");
        Assert.DoesNotContain(history, e => e.EventId.StartsWith("second"));
    }

    [Fact]
    public async Task A_second_decision_longer_than_one_write_writes_none_of_its_entries_over_the_turn_recorded_first()
    {
        var (id, recorded) = await JourneyWithItsFirstTurn();
        var first = NextTurn(recorded, held: false, "first", entries: 1);
        var second = NextTurn(recorded, held: true, "second", entries: JourneyRecords.MaxEntriesPerWrite + 5);

        Assert.Null((await Apply(first)).Stored);
        var answer = await Apply(second);

        Assert.Equal(first.Snapshot.Fingerprint, answer.Stored!.Fingerprint);
        var history = await host.Records.HistoryAsync(id, None);
        Assert.Contains(history, e => e.EventId == "first-0");
        Assert.DoesNotContain(history, e => e.EventId.StartsWith("second"));
    }

    private async Task<(string Id, JourneySnapshot Recorded)> JourneyWithItsFirstTurn()
    {
        var j = new Person("X" + Random.Shared.Next(100000, 999999), "S" + Guid.NewGuid().ToString("N")[..6]);
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        var recorded = await Eventually(() => host.Records.StateAsync(j.Id, None), s => s is not null);
        Assert.NotNull(recorded);
        return (j.Id, recorded!);
    }

    /// <summary>A decision of the turn after <paramref name="after"/>: the same state, told apart by its hold flag.</summary>
    private static TurnEffects NextTurn(JourneySnapshot after, bool held, string tag, int entries) => new(
        after with { Version = after.Version + 1, Cursor = after.Cursor + 1, Held = held },
        Enumerable.Range(0, entries)
            .Select(i => new HistoryEntry(after.Version + 1 + i, $"{tag}-{i}", "note", "inbox", "{}", "[]", "2026-12-03T06:00:00Z"))
            .ToList(),
        [], after.Version, after.Cursor);

    private Task<TurnRecorded> Apply(TurnEffects effects) =>
        new ApplyTurnActivity(host.Records, host.Host.Services.GetServices<IJourneyProjection>(), host.Reminders)
            .RunAsync(new Activity(), effects);

    private sealed class Activity : TaskActivityContext
    {
        public override TaskName Name => JourneyActivities.ApplyTurn;
        public override string InstanceId => "apply-turn-tests";
    }
}
