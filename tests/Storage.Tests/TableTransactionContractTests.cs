using Azure;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>Entity-group transactions: all or nothing, one partition, at most 100 operations.</summary>
public sealed class TableTransactionContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_transaction_applies_insert_update_merge_upsert_and_delete_together_and_returns_their_ETags()
    {
        var table = await azurite.NewTableAsync("tx");
        var replaceTag = await table.InsertAsync(new TableEntity("j", "state") { { "Step", 1 }, { "Old", "x" } });
        await table.InsertAsync(new TableEntity("j", "merge") { { "Kept", "yes" } });
        await table.InsertAsync(new TableEntity("j", "gone"));

        var result = await table.SubmitTransactionAsync(new TableTransaction("j")
            .Insert(new TableEntity("j", "event-1") { { "Kind", "Sentenced" } })
            .Update(new TableEntity("j", "state") { { "Step", 2 } }, replaceTag)
            .Update(new TableEntity("j", "merge") { { "Added", 1 } }, ETag.All, TableUpdateMode.Merge)
            .Upsert(new TableEntity("j", "deadline") { { "Due", "2026-01-01" } })
            .Delete("gone"));

        Assert.Equal(5, result.ETags.Count);
        Assert.All(result.ETags.Take(4), e => Assert.NotNull(e));
        Assert.Null(result.ETags[4]);
        var state = await table.GetAsync("j", "state");
        Assert.Equal(2, state.GetInt32("Step"));
        Assert.Null(state["Old"]);
        Assert.Equal(result.ETags[1], state.ETag);
        var merged = await table.GetAsync("j", "merge");
        Assert.Equal(("yes", 1), (merged.GetString("Kept"), merged.GetInt32("Added")));
        Assert.NotNull(await table.GetIfExistsAsync("j", "event-1"));
        Assert.NotNull(await table.GetIfExistsAsync("j", "deadline"));
        Assert.Null(await table.GetIfExistsAsync("j", "gone"));
    }

    [Fact]
    public async Task A_stale_ETag_in_one_operation_rolls_back_every_other_operation_and_names_that_operation()
    {
        var table = await azurite.NewTableAsync("txrollback");
        var stale = await table.InsertAsync(new TableEntity("j", "state") { { "Step", 1 } });
        await table.UpdateAsync(new TableEntity("j", "state") { { "Step", 2 } }, stale); // someone else moved on
        await table.InsertAsync(new TableEntity("j", "keep"));

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(new TableTransaction("j")
            .Insert(new TableEntity("j", "event-2"))
            .Delete("keep")
            .Update(new TableEntity("j", "state") { { "Step", 3 } }, stale)));

        Assert.Equal(412, e.Status);
        Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        Assert.Equal(2, e.FailedOperationIndex);
        Assert.True(e.IsPreconditionFailed);
        Assert.Null(await table.GetIfExistsAsync("j", "event-2"));
        Assert.NotNull(await table.GetIfExistsAsync("j", "keep"));
        Assert.Equal(2, (await table.GetAsync("j", "state")).GetInt32("Step"));
    }

    [Fact]
    public async Task An_insert_of_an_existing_entity_fails_the_whole_transaction_with_EntityAlreadyExists()
    {
        var table = await azurite.NewTableAsync("txconflict");
        await table.InsertAsync(new TableEntity("j", "event-1") { { "V", 1 } });
        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(new TableTransaction("j")
            .Upsert(new TableEntity("j", "state") { { "V", 2 } })
            .Insert(new TableEntity("j", "event-1") { { "V", 2 } })));
        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.Equal(1, e.FailedOperationIndex);
        Assert.Null(await table.GetIfExistsAsync("j", "state"));
        Assert.Equal(1, (await table.GetAsync("j", "event-1")).GetInt32("V"));
    }

    [Fact]
    public async Task One_hundred_operations_commit_and_the_hundred_and_first_is_refused_before_sending()
    {
        var table = await azurite.NewTableAsync("tx100");
        var tx = new TableTransaction("j");
        for (var i = 0; i < 100; i++) tx.Insert(new TableEntity("j", $"e{i:D3}"));
        var e = Assert.Throws<InvalidOperationException>(() => tx.Insert(new TableEntity("j", "e100")));
        Assert.Contains("100", e.Message);

        var result = await table.SubmitTransactionAsync(tx);
        Assert.Equal(100, result.ETags.Count);
        Assert.Equal(100, (await table.QueryAllAsync().ToListAsync()).Count);
    }

    [Fact]
    public void Operations_on_another_partition_or_the_same_entity_twice_are_refused_when_added()
    {
        var tx = new TableTransaction("journey-1").Insert(new TableEntity("journey-1", "a"));
        var other = Assert.Throws<ArgumentException>(() => tx.Insert(new TableEntity("journey-2", "b")));
        Assert.Contains("one partition", other.Message);
        var twice = Assert.Throws<ArgumentException>(() => tx.Delete("a"));
        Assert.Contains("already", twice.Message);
        Assert.Throws<ArgumentException>(() => tx.Update(new TableEntity("journey-1", "c"), default));
        Assert.Equal(1, tx.Count);
    }

    [Fact]
    public async Task Entities_changed_after_being_added_are_sent_as_they_were_when_added()
    {
        var table = await azurite.NewTableAsync("txsnapshot");
        var entity = new TableEntity("j", "e") { { "V", 1 } };
        var tx = new TableTransaction("j").Insert(entity);
        entity["V"] = 2;
        await table.SubmitTransactionAsync(tx);
        Assert.Equal(1, (await table.GetAsync("j", "e")).GetInt32("V"));
    }

    [Fact]
    public async Task A_transaction_on_a_missing_table_fails_with_a_typed_error()
    {
        var table = azurite.Tables.GetTableClient(AzuriteFixture.UniqueTableName("txmissing"));
        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() =>
            table.SubmitTransactionAsync(new TableTransaction("j").Insert(new TableEntity("j", "a"))));
        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task An_empty_transaction_sends_nothing_and_succeeds()
    {
        var table = azurite.Tables.GetTableClient(AzuriteFixture.UniqueTableName("txempty")); // does not exist
        var result = await table.SubmitTransactionAsync(new TableTransaction("j"));
        Assert.Empty(result.ETags);
    }
}
