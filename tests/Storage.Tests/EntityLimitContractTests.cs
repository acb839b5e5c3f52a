using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>Azure's entity limits are enforced by the client because Azurite lets oversized entities through.</summary>
public sealed class EntityLimitContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static TableEntity WithChunks(string rk, int chunks, int bytes)
    {
        var entity = new TableEntity("p", rk);
        for (var i = 0; i < chunks; i++) entity[$"Chunk{i:D2}"] = new byte[bytes];
        return entity;
    }

    [Fact]
    public async Task An_entity_over_1_MiB_is_refused_before_sending_by_insert_upsert_update_and_transaction()
    {
        var table = await azurite.NewTableAsync("huge");
        var huge = WithChunks("r", 17, 64 * 1024); // 17 x 64 KiB > 1 MiB
        Assert.True(TableEntityLimits.SizeOf(huge) > TableEntityLimits.MaxSizeBytes);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.InsertAsync(huge));
        Assert.Contains("1 MiB", e.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertAsync(huge));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateAsync(huge, Azure.ETag.All));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(new TableTransaction("p").Insert(huge)));
        Assert.Empty((await table.QueryAsync()).Entities);
    }

    [Fact]
    public async Task An_entity_just_under_1_MiB_is_stored_and_read_back_whole()
    {
        var table = await azurite.NewTableAsync("big");
        var big = WithChunks("r", 15, 64 * 1024);
        Assert.InRange(TableEntityLimits.SizeOf(big), 15 * 64 * 1024, TableEntityLimits.MaxSizeBytes);
        await table.InsertAsync(big);
        var read = await table.GetAsync("p", "r");
        Assert.Equal(15, read.Properties.Count);
        Assert.All(read.Properties.Values, v => Assert.Equal(64 * 1024, ((byte[])v).Length));
    }

    [Fact]
    public async Task More_than_252_properties_are_refused_and_252_are_accepted()
    {
        var table = await azurite.NewTableAsync("wide");
        var wide = new TableEntity("p", "r");
        for (var i = 0; i < TableEntityLimits.MaxProperties; i++) wide[$"P{i}"] = i;
        await table.InsertAsync(wide);
        Assert.Equal(252, (await table.GetAsync("p", "r")).Properties.Count);

        wide["OneTooMany"] = 1;
        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertAsync(wide));
        Assert.Contains("252", e.Message);
    }
}
