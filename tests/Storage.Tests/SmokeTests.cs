using Azure;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

public sealed class SmokeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Entity_round_trips()
    {
        var table = await azurite.NewTableAsync();
        var e = new TableEntity("p", "r") { { "Name", "x" }, { "N", 5L }, { "D", 2.0 }, { "I", 3 }, { "B", true }, { "G", Guid.Empty }, { "When", DateTimeOffset.UnixEpoch }, { "Bin", new byte[] { 1, 2 } } };
        var etag = await table.InsertAsync(e);
        var got = await table.GetAsync("p", "r");
        Assert.Equal(etag, got.ETag);
        Assert.Equal(5L, got["N"]);
        Assert.Equal(2.0, got["D"]);
        Assert.Equal(3, got["I"]);
        got["Name"] = "y";
        var etag2 = await table.UpdateAsync(got, got.ETag);
        var ex = await Assert.ThrowsAsync<StorageRequestException>(() => table.UpdateAsync(got, etag));
        Assert.Equal(412, ex.Status);
        await table.UpdateAsync(new TableEntity("p", "r") { { "Extra", 1 } }, etag2, TableUpdateMode.Merge);
        await table.UpsertAsync(new TableEntity("p", "r2") { { "Extra", 1 } }, TableUpdateMode.Merge);
        var page = await table.QueryAsync(ODataFilter.PartitionKeyEquals("p"), top: 1);
        Assert.Single(page.Entities);
        Assert.NotNull(page.Continuation);
        var page2 = await table.QueryAsync(ODataFilter.PartitionKeyEquals("p"), top: 1, continuation: page.Continuation);
        Assert.Equal("r2", page2.Entities.Single().RowKey);
        var tx = new TableTransaction("p").Insert(new TableEntity("p", "r3")).Delete("r2").Update(new TableEntity("p", "r"), ETag.All, TableUpdateMode.Merge);
        var result = await table.SubmitTransactionAsync(tx);
        Assert.Equal(3, result.ETags.Count);
        var fail = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(new TableTransaction("p").Insert(new TableEntity("p", "r4")).Insert(new TableEntity("p", "r3"))));
        Assert.Equal(1, fail.FailedOperationIndex);
        Assert.Null(await table.GetIfExistsAsync("p", "r4"));
        Assert.True(await table.DeleteAsync("p", "r3"));
        Assert.False(await table.DeleteAsync("p", "r3"));

        var q = await azurite.NewQueueAsync();
        await q.SendAsync("hello");
        var m = (await q.ReceiveAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Single();
        Assert.Equal("hello", m.Text);
        var u = await q.UpdateAsync(m.MessageId, m.PopReceipt, TimeSpan.Zero, "bye");
        var p = (await q.PeekAsync()).Single();
        Assert.Equal("bye", p.Text);
        var m2 = (await q.ReceiveAsync()).Single();
        await q.DeleteAsync(m2.MessageId, m2.PopReceipt);
        Assert.Empty(await q.PeekAsync());
    }
}
