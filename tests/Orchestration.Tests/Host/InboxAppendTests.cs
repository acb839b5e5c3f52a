using ShortSentences.Orchestration.Storage;
using Xunit;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// Appending to a journey's inbox on real storage with the counter each process remembers: places stay consecutive
/// and nothing is lost when another writer moved the counter meanwhile, duplicates are still told apart, and the next
/// event of a journey this process wrote last is appended without reading first.
/// </summary>
[Collection(DurableHostCollection.Name)]
public class InboxAppendTests(DurableHostFixture host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Events_for_a_journey_from_two_processes_in_turn_take_consecutive_places_and_none_is_lost()
    {
        var (one, _) = await Inbox();
        var (other, _) = await Inbox(one.Table.Name);
        var id = Journey();

        Assert.Equal(1, (await Append(one, id, "e1")).Seq);
        Assert.Equal(2, (await Append(other, id, "e2")).Seq);
        Assert.Equal(3, (await Append(one, id, "e3")).Seq); // its remembered counter is stale: refused, read, appended
        Assert.Equal(4, (await Append(other, id, "e4")).Seq);

        var items = await one.ReadAsync(id, 0, 100, None);
        Assert.Equal(["e1", "e2", "e3", "e4"], items.Select(i => i.EventId));
        Assert.Equal([1L, 2, 3, 4], items.Select(i => i.Seq));
    }

    [Fact]
    public async Task An_event_sent_again_after_its_journey_s_counter_was_remembered_is_a_duplicate_in_its_first_place()
    {
        var (inbox, _) = await Inbox();
        var id = Journey();
        await Append(inbox, id, "e1");
        await Append(inbox, id, "e2");

        var again = await Append(inbox, id, "e1");

        Assert.True(again.Duplicate);
        Assert.Equal(1, again.Seq);
        Assert.Equal(3, (await Append(inbox, id, "e3")).Seq);
        Assert.Equal(3, (await inbox.ReadAsync(id, 0, 100, None)).Count);
    }

    [Fact]
    public async Task The_next_event_of_a_journey_this_process_appended_last_is_written_without_a_read_first()
    {
        var (inbox, requests) = await Inbox();
        var id = Journey();
        await Append(inbox, id, "e1");
        requests.Clear();

        await Append(inbox, id, "e2");

        Assert.Equal(["POST"], requests.Methods); // the transaction alone
    }

    private static string Journey() => "J-X" + Random.Shared.Next(100000, 999999) + "-S" + Guid.NewGuid().ToString("N")[..6];

    private static Task<Appended> Append(JourneyInbox inbox, string id, string eventId) =>
        inbox.AppendAsync(id, eventId, "note", "{}", null, None);

    private async Task<(JourneyInbox Inbox, RequestLog Requests)> Inbox(string? table = null)
    {
        var (client, requests) = await RequestLog.Table(host.ConnectionString, table ?? "inbox" + Guid.NewGuid().ToString("N")[..10]);
        return (new JourneyInbox(client), requests);
    }
}
