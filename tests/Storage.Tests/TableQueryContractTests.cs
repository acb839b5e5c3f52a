using System.Globalization;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>$filter, $select, $top and continuation pages against Azurite.</summary>
public sealed class TableQueryContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string Row(int i) => i.ToString("D5", CultureInfo.InvariantCulture);

    private static async Task FillAsync(TableClient table, string partition, int count)
    {
        for (var start = 0; start < count; start += TableTransaction.MaxOperations)
        {
            var tx = new TableTransaction(partition);
            for (var i = start; i < Math.Min(count, start + TableTransaction.MaxOperations); i++)
                tx.Insert(new TableEntity(partition, Row(i)) { { "N", i }, { "Even", i % 2 == 0 }, { "Label", $"item {i}" } });
            await table.SubmitTransactionAsync(tx);
        }
    }

    [Fact]
    public async Task A_query_over_more_than_1000_entities_continues_on_a_second_page_and_misses_none()
    {
        var table = await azurite.NewTableAsync("big");
        await FillAsync(table, "p", 1050);

        var first = await table.QueryAsync(ODataFilter.PartitionKeyEquals("p"));
        Assert.Equal(1000, first.Entities.Count);
        Assert.True(first.HasMore);
        var second = await table.QueryAsync(ODataFilter.PartitionKeyEquals("p"), continuation: first.Continuation);
        Assert.Equal(50, second.Entities.Count);
        Assert.False(second.HasMore);

        var all = await table.QueryAllAsync(ODataFilter.PartitionKeyEquals("p")).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 1050).Select(Row), all.Select(e => e.RowKey));
    }

    [Fact]
    public async Task A_small_top_pages_through_several_partitions_in_key_order()
    {
        var table = await azurite.NewTableAsync("paged");
        await FillAsync(table, "a", 8);
        await FillAsync(table, "b", 8);
        await FillAsync(table, "c", 4);

        var pages = new List<TablePage>();
        TableContinuation? next = null;
        do
        {
            var page = await table.QueryAsync(top: 7, continuation: next);
            pages.Add(page);
            next = page.Continuation;
        } while (next is not null);

        Assert.Equal([7, 7, 6], pages.Select(p => p.Entities.Count));
        var keys = pages.SelectMany(p => p.Entities).Select(e => $"{e.PartitionKey}/{e.RowKey}").ToList();
        Assert.Equal(20, keys.Distinct().Count());
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task A_filter_on_typed_properties_returns_exactly_the_matching_entities()
    {
        var table = await azurite.NewTableAsync("filter");
        await FillAsync(table, "p", 30);
        await FillAsync(table, "q", 30);

        var filter = ODataFilter.Create($"PartitionKey eq {"p"} and N ge {10} and N lt {20} and Even eq {true}");
        var found = await table.QueryAllAsync(filter).ToListAsync();
        Assert.Equal(["00010", "00012", "00014", "00016", "00018"], found.Select(e => e.RowKey));
        Assert.All(found, e => Assert.Equal("p", e.PartitionKey));
    }

    [Fact]
    public async Task Filters_compare_long_double_date_and_guid_values_by_type()
    {
        var table = await azurite.NewTableAsync("typed");
        var due = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        await table.InsertAsync(new TableEntity("p", "early") { { "Due", due.AddDays(-1) }, { "Seq", 5_000_000_000L }, { "Score", 1.5 }, { "Id", id } });
        await table.InsertAsync(new TableEntity("p", "late") { { "Due", due.AddDays(1) }, { "Seq", 7_000_000_000L }, { "Score", 2.5 }, { "Id", Guid.Empty } });

        Assert.Equal("early", Assert.Single(await table.QueryAllAsync(ODataFilter.Compare("Due", ODataComparison.LessThanOrEqual, due)).ToListAsync()).RowKey);
        Assert.Equal("late", Assert.Single(await table.QueryAllAsync(ODataFilter.Compare("Seq", ODataComparison.GreaterThan, 6_000_000_000L)).ToListAsync()).RowKey);
        Assert.Equal("late", Assert.Single(await table.QueryAllAsync(ODataFilter.Compare("Score", ODataComparison.GreaterThan, 2.0)).ToListAsync()).RowKey);
        Assert.Equal("early", Assert.Single(await table.QueryAllAsync(ODataFilter.Equal("Id", id)).ToListAsync()).RowKey);
        Assert.Equal("late", Assert.Single(await table.QueryAllAsync(ODataFilter.Not(ODataFilter.Equal("Id", id))).ToListAsync()).RowKey);
    }

    [Fact]
    public async Task Select_returns_only_the_chosen_properties_with_the_keys()
    {
        var table = await azurite.NewTableAsync("select");
        await FillAsync(table, "p", 3);
        var page = await table.QueryAsync(ODataFilter.PartitionKeyEquals("p"), select: ["Label"]);
        Assert.Equal(3, page.Entities.Count);
        Assert.All(page.Entities, e =>
        {
            Assert.Equal(["Label"], e.Properties.Keys);
            Assert.Equal($"item {int.Parse(e.RowKey, CultureInfo.InvariantCulture)}", e.GetString("Label"));
        });
    }

    [Fact]
    public async Task A_row_key_prefix_finds_that_range_only()
    {
        var table = await azurite.NewTableAsync("prefix");
        foreach (var rk in new[] { "deadline-2026-01-01", "deadline-2026-02-01", "deadlinf", "event-1", "deadline" })
            await table.InsertAsync(new TableEntity("p", rk));
        var found = await table.QueryAllAsync(ODataFilter.And(ODataFilter.PartitionKeyEquals("p"), ODataFilter.RowKeyStartsWith("deadline-"))).ToListAsync();
        Assert.Equal(["deadline-2026-01-01", "deadline-2026-02-01"], found.Select(e => e.RowKey));
    }

    [Fact]
    public async Task An_empty_or_missing_table_query_says_so()
    {
        var table = await azurite.NewTableAsync("empty");
        var page = await table.QueryAsync();
        Assert.Empty(page.Entities);
        Assert.False(page.HasMore);

        var missing = azurite.Tables.GetTableClient(AzuriteFixture.UniqueTableName("nope"));
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => missing.QueryAsync());
        Assert.Equal(404, e.Status);
        Assert.Equal("TableNotFound", e.ErrorCode);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryAsync(top: 1001));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryAsync(top: 0));
    }
}
