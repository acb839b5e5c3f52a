using Azure;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>Insert, read, replace, merge, upsert and delete against Azurite, with the ETag rules the runtime relies on.</summary>
public sealed class TableEntityContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Sentenced = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    [Fact]
    public async Task Every_supported_type_comes_back_as_the_same_type_and_value()
    {
        var table = await azurite.NewTableAsync();
        var id = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        var entity = new TableEntity("A123456", "journey")
        {
            { "Text", "Zoë O'Brien" }, { "Empty", "" }, { "Int", -42 }, { "Long", long.MaxValue }, { "Whole", 2.0 },
            { "Fraction", 0.1 }, { "NaN", double.NaN }, { "Inf", double.PositiveInfinity }, { "Yes", true }, { "No", false },
            { "When", Sentenced.AddTicks(1234567) }, { "Id", id }, { "Bytes", new byte[] { 0, 1, 254, 255 } }, { "Big", int.MaxValue },
        };
        await table.InsertAsync(entity);

        var read = await table.GetAsync("A123456", "journey");
        Assert.Equal("Zoë O'Brien", read["Text"]);
        Assert.Equal("", read["Empty"]);
        Assert.Equal(-42, read["Int"]);
        Assert.Equal(int.MaxValue, read["Big"]);
        Assert.Equal(long.MaxValue, read["Long"]);
        Assert.Equal(2.0, Assert.IsType<double>(read["Whole"]));
        Assert.Equal(0.1, read["Fraction"]);
        Assert.True(double.IsNaN(read.GetDouble("NaN")!.Value));
        Assert.Equal(double.PositiveInfinity, read["Inf"]);
        Assert.Equal(true, read["Yes"]);
        Assert.Equal(false, read["No"]);
        Assert.Equal(Sentenced.AddTicks(1234567), read["When"]);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, read["Bytes"]);
        Assert.NotNull(read.Timestamp);
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task Inserting_an_entity_that_exists_fails_with_409_EntityAlreadyExists_and_keeps_the_original()
    {
        var table = await azurite.NewTableAsync();
        await table.InsertAsync(new TableEntity("p", "r") { { "Version", 1 } });
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => table.InsertAsync(new TableEntity("p", "r") { { "Version", 2 } }));
        Assert.Equal(409, e.Status);
        Assert.Equal("EntityAlreadyExists", e.ErrorCode);
        Assert.True(e.IsConflict);
        Assert.Equal(1, (await table.GetAsync("p", "r")).GetInt32("Version"));
    }

    [Fact]
    public async Task Reading_a_missing_entity_fails_with_404_ResourceNotFound()
    {
        var table = await azurite.NewTableAsync();
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => table.GetAsync("p", "missing"));
        Assert.Equal(404, e.Status);
        Assert.Equal("ResourceNotFound", e.ErrorCode);
        Assert.True(e.IsNotFound);
        Assert.Null(await table.GetIfExistsAsync("p", "missing"));
    }

    [Fact]
    public async Task Updating_with_a_stale_ETag_fails_with_412_and_changes_nothing()
    {
        var table = await azurite.NewTableAsync();
        var first = await table.InsertAsync(new TableEntity("p", "r") { { "Step", 1 } });
        var second = await table.UpdateAsync(new TableEntity("p", "r") { { "Step", 2 } }, first);
        Assert.NotEqual(first, second);

        var e = await Assert.ThrowsAsync<StorageRequestException>(() => table.UpdateAsync(new TableEntity("p", "r") { { "Step", 99 } }, first));
        Assert.Equal(412, e.Status);
        Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        Assert.True(e.IsPreconditionFailed);
        var merge = await Assert.ThrowsAsync<StorageRequestException>(() => table.UpdateAsync(new TableEntity("p", "r") { { "Step", 99 } }, first, TableUpdateMode.Merge));
        Assert.True(merge.IsPreconditionFailed);
        var stored = await table.GetAsync("p", "r");
        Assert.Equal(2, stored.GetInt32("Step"));
        Assert.Equal(second, stored.ETag);
    }

    [Fact]
    public async Task Deleting_with_a_stale_ETag_fails_with_412_and_keeps_the_entity()
    {
        var table = await azurite.NewTableAsync();
        var first = await table.InsertAsync(new TableEntity("p", "r"));
        var current = await table.UpdateAsync(new TableEntity("p", "r") { { "Step", 2 } }, first);
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => table.DeleteAsync("p", "r", first));
        Assert.Equal(412, e.Status);
        Assert.Equal("UpdateConditionNotSatisfied", e.ErrorCode);
        Assert.NotNull(await table.GetIfExistsAsync("p", "r"));
        Assert.True(await table.DeleteAsync("p", "r", current));
        Assert.Null(await table.GetIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Updating_an_entity_that_does_not_exist_fails_with_404()
    {
        var table = await azurite.NewTableAsync();
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => table.UpdateAsync(new TableEntity("p", "r"), ETag.All));
        Assert.Equal(404, e.Status);
        Assert.Equal("ResourceNotFound", e.ErrorCode);
    }

    [Fact]
    public async Task Replace_removes_properties_not_given_and_merge_keeps_them()
    {
        var table = await azurite.NewTableAsync();
        var etag = await table.InsertAsync(new TableEntity("p", "r") { { "Kept", "yes" }, { "Changed", 1 } });
        etag = await table.UpdateAsync(new TableEntity("p", "r") { { "Changed", 2 } }, etag, TableUpdateMode.Merge);
        var merged = await table.GetAsync("p", "r");
        Assert.Equal("yes", merged.GetString("Kept"));
        Assert.Equal(2, merged.GetInt32("Changed"));

        await table.UpdateAsync(new TableEntity("p", "r") { { "Changed", 3 } }, etag, TableUpdateMode.Replace);
        var replaced = await table.GetAsync("p", "r");
        Assert.Null(replaced["Kept"]);
        Assert.Equal(3, replaced.GetInt32("Changed"));
    }

    [Fact]
    public async Task Upsert_inserts_when_absent_and_overwrites_or_merges_when_present()
    {
        var table = await azurite.NewTableAsync();
        await table.UpsertAsync(new TableEntity("p", "r") { { "A", 1 }, { "B", 1 } });
        Assert.Equal(1, (await table.GetAsync("p", "r")).GetInt32("A"));

        await table.UpsertAsync(new TableEntity("p", "r") { { "A", 2 } }, TableUpdateMode.Merge);
        var merged = await table.GetAsync("p", "r");
        Assert.Equal((2, 1), (merged.GetInt32("A"), merged.GetInt32("B")));

        await table.UpsertAsync(new TableEntity("p", "r") { { "A", 3 } });
        var replaced = await table.GetAsync("p", "r");
        Assert.Equal(3, replaced.GetInt32("A"));
        Assert.Null(replaced["B"]);
    }

    [Fact]
    public async Task Deleting_an_absent_entity_reports_false_and_get_with_select_returns_only_those_properties()
    {
        var table = await azurite.NewTableAsync();
        Assert.False(await table.DeleteAsync("p", "absent"));
        await table.InsertAsync(new TableEntity("p", "r") { { "A", 1 }, { "B", 2 } });
        var partial = await table.GetAsync("p", "r", ["A"]);
        Assert.Equal(1, partial.GetInt32("A"));
        Assert.Null(partial["B"]);
    }

    [Fact]
    public async Task A_missing_table_is_reported_as_TableNotFound_and_create_is_idempotent()
    {
        var table = azurite.Tables.GetTableClient(AzuriteFixture.UniqueTableName("missing"));
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => table.InsertAsync(new TableEntity("p", "r")));
        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);

        await table.CreateIfNotExistsAsync();
        await table.CreateIfNotExistsAsync();
        await table.InsertAsync(new TableEntity("p", "r"));
        await table.DeleteIfExistsAsync();
        await table.DeleteIfExistsAsync();
        var gone = await Assert.ThrowsAsync<StorageRequestException>(() => table.GetAsync("p", "r"));
        Assert.Equal(404, gone.Status);
    }
}
