using Azure;
using ShortSentences.Storage.Queues;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>The guarantees the durable runtime builds on when several workers race for one journey.</summary>
public sealed class ConcurrencyContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Of_ten_concurrent_updates_from_the_same_ETag_exactly_one_wins_and_the_rest_get_412()
    {
        var table = await azurite.NewTableAsync("race");
        var etag = await table.InsertAsync(new TableEntity("journey", "state") { { "Winner", -1 } });

        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            try { await table.UpdateAsync(new TableEntity("journey", "state") { { "Winner", i } }, etag); return (i, (int?)null); }
            catch (StorageRequestException e) { return (i, (int?)e.Status); }
        });
        var outcomes = await Task.WhenAll(attempts);

        var winners = outcomes.Where(o => o.Item2 is null).Select(o => o.i).ToList();
        Assert.Single(winners);
        Assert.All(outcomes.Where(o => o.Item2 is not null), o => Assert.Equal(412, o.Item2));
        Assert.Equal(winners[0], (await table.GetAsync("journey", "state")).GetInt32("Winner"));
    }

    [Fact]
    public async Task Of_two_transactions_guarded_by_the_same_ETag_one_commits_whole_and_the_other_leaves_no_trace()
    {
        var table = await azurite.NewTableAsync("txrace");
        var etag = await table.InsertAsync(new TableEntity("journey", "state") { { "Step", 0 } });
        TableTransaction Step(string who) => new TableTransaction("journey")
            .Update(new TableEntity("journey", "state") { { "Step", 1 }, { "By", who } }, etag)
            .Insert(new TableEntity("journey", "event-" + who));

        var outcomes = await Task.WhenAll(new[] { "a", "b" }.Select(async who =>
        {
            try { await table.SubmitTransactionAsync(Step(who)); return (who, ok: true); }
            catch (TableTransactionFailedException e) when (e.IsPreconditionFailed) { return (who, ok: false); }
        }));

        var winner = Assert.Single(outcomes, o => o.ok).who;
        var loser = Assert.Single(outcomes, o => !o.ok).who;
        Assert.Equal(winner, (await table.GetAsync("journey", "state")).GetString("By"));
        Assert.NotNull(await table.GetIfExistsAsync("journey", "event-" + winner));
        Assert.Null(await table.GetIfExistsAsync("journey", "event-" + loser));
    }

    [Fact]
    public async Task Concurrent_receivers_never_get_the_same_message_while_it_is_invisible()
    {
        var queue = await azurite.NewQueueAsync("compete");
        for (var i = 0; i < 20; i++) await queue.SendAsync($"event {i}");

        var batches = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => queue.ReceiveAsync(8, TimeSpan.FromSeconds(30))));
        var ids = batches.SelectMany(b => b).Select(m => m.MessageId).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_message_with_control_characters_and_markup_round_trips_exactly()
    {
        var queue = await azurite.NewQueueAsync("binaryish");
        var text = "\u0000\u0001\t<x a=\"&\"/>]]>\r\n\uFFFD end";
        await queue.SendAsync(text);
        Assert.Equal(text, Assert.Single(await queue.ReceiveAsync()).Text);
    }
}
