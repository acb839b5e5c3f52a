using ShortSentences.Storage.Tables;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>What an entity may hold, checked when it is built rather than when the service refuses it.</summary>
public sealed class TableEntityTests
{
    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("rowkey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("Has Space")]
    [InlineData("9lives")]
    [InlineData("")]
    public void System_and_malformed_property_names_are_refused(string name)
    {
        var e = new TableEntity("p", "r");
        Assert.Throws<ArgumentException>(() => e[name] = "x");
    }

    [Fact]
    public void Only_the_types_tables_store_are_accepted()
    {
        var e = new TableEntity("p", "r");
        Assert.Throws<ArgumentException>(() => e["Decimal"] = 1.5m);
        Assert.Throws<ArgumentException>(() => e["Local"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local));
        Assert.Throws<ArgumentException>(() => e["Huge"] = new string('x', 32 * 1024 + 1));
        Assert.Throws<ArgumentException>(() => e["Blob"] = new byte[64 * 1024 + 1]);
        e["Utc"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), e.GetDateTimeOffset("Utc"));
        e["Offset"] = new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, e.GetDateTimeOffset("Offset")!.Value.Offset);
    }

    [Fact]
    public void Setting_null_removes_a_property_and_typed_getters_widen_but_never_guess()
    {
        var e = new TableEntity("p", "r") { { "Count", 3 } };
        Assert.Equal(3L, e.GetInt64("Count"));
        Assert.Equal(3.0, e.GetDouble("Count"));
        Assert.Throws<InvalidCastException>(() => e.GetString("Count"));
        e["Count"] = null;
        Assert.Empty(e.Properties);
        Assert.Null(e.GetInt32("Count"));
    }

    [Fact]
    public void A_clone_is_independent_of_the_original()
    {
        var e = new TableEntity("p", "r") { { "A", 1 } };
        var copy = e.Clone();
        e["A"] = 2;
        Assert.Equal(1, copy.GetInt32("A"));
    }
}
