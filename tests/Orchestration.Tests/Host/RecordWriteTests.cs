using ShortSentences.Orchestration.Storage;
using Xunit;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// Recording turns on real storage with the state row each process remembers: the next turn of a journey this process
/// recorded last is one transaction, and a row another process changed since is never written over.
/// </summary>
[Collection(DurableHostCollection.Name)]
public class RecordWriteTests(DurableHostFixture host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_next_turn_of_a_journey_this_process_recorded_last_is_written_without_a_read_first()
    {
        var (records, requests) = await Records();
        var id = Journey();
        Assert.True(await records.WriteAsync(Turn(id, 1, "one"), [Entry(1, "e1")], (0, 0), None));
        requests.Clear();

        Assert.True(await records.WriteAsync(Turn(id, 2, "two"), [Entry(2, "e2")], (1, 1), None));

        Assert.Equal(["POST"], requests.Methods); // the transaction alone
        Assert.Equal("two", (await records.StateAsync(id, None))!.StateJson);
    }

    [Fact]
    public async Task A_turn_decided_from_a_state_another_process_has_since_moved_on_is_refused_and_writes_nothing()
    {
        var (one, _) = await Records();
        var (other, _) = await Records(one.Table.Name);
        var id = Journey();
        Assert.True(await one.WriteAsync(Turn(id, 1, "one"), [Entry(1, "e1")], (0, 0), None));
        Assert.True(await other.WriteAsync(Turn(id, 2, "theirs"), [Entry(2, "theirs")], (1, 1), None));

        // "one" remembers the row at version 1, as it wrote it: its write is refused on the row's ETag, then looked at.
        Assert.False(await one.WriteAsync(Turn(id, 2, "mine"), [Entry(2, "mine")], (1, 1), None));

        Assert.Equal("theirs", (await one.StateAsync(id, None))!.StateJson);
        Assert.Equal(["e1", "theirs"], (await one.HistoryAsync(id, None)).Select(e => e.EventId));
        Assert.True(await one.WriteAsync(Turn(id, 3, "three"), [Entry(3, "e3")], (2, 2), None));
    }

    private static string Journey() => "J-X" + Random.Shared.Next(100000, 999999) + "-S" + Guid.NewGuid().ToString("N")[..6];

    private static JourneySnapshot Turn(string id, long version, string state) => new(id, version, state, Ended: false, Cursor: version);

    private static HistoryEntry Entry(long seq, string eventId) => new(seq, eventId, "note", "inbox", "{}", "[]", "2026-12-03T07:00:00Z");

    private async Task<(JourneyRecords Records, RequestLog Requests)> Records(string? table = null)
    {
        var (client, requests) = await RequestLog.Table(host.ConnectionString, table ?? "records" + Guid.NewGuid().ToString("N")[..10]);
        return (new JourneyRecords(client), requests);
    }
}
