using ShortSentences.Storage.Tables;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>Values become OData literals; only the builder's own text is ever an operator.</summary>
public sealed class ODataFilterTests
{
    [Theory]
    [InlineData("O'Brien", "'O''Brien'")]
    [InlineData("' or 1 eq 1 or ''='", "''' or 1 eq 1 or ''''='''")]
    [InlineData("", "''")]
    [InlineData("Zoë 😀", "'Zoë 😀'")]
    public void A_string_is_quoted_with_every_single_quote_doubled(string value, string literal) =>
        Assert.Equal(literal, ODataFilter.Literal(value));

    [Fact]
    public void Typed_values_use_their_OData_literal_forms()
    {
        Assert.Equal("42", ODataFilter.Literal(42));
        Assert.Equal("5000000000L", ODataFilter.Literal(5_000_000_000L));
        Assert.Equal("2.0", ODataFilter.Literal(2.0));
        Assert.Equal("0.1", ODataFilter.Literal(0.1));
        Assert.Equal("1E+300", ODataFilter.Literal(1e300));
        Assert.Equal("true", ODataFilter.Literal(true));
        Assert.Equal("datetime'2026-01-05T09:30:00.0000000Z'", ODataFilter.Literal(new DateTimeOffset(2026, 1, 5, 10, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal("guid'0f8fad5b-d9cb-469f-a165-70867728950e'", ODataFilter.Literal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")));
        Assert.Equal("X'00ff'", ODataFilter.Literal(new byte[] { 0, 255 }));
    }

    [Fact]
    public void Values_tables_cannot_compare_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ODataFilter.Literal(null));
        Assert.Throws<ArgumentException>(() => ODataFilter.Literal(double.NaN));
        Assert.Throws<ArgumentException>(() => ODataFilter.Literal(new object()));
        Assert.Throws<ArgumentException>(() => ODataFilter.Literal(DateTime.Now));
    }

    [Fact]
    public void An_interpolated_filter_turns_every_hole_into_a_literal()
    {
        var crn = "A1' or PartitionKey ne '";
        var filter = ODataFilter.Create($"PartitionKey eq {crn} and Due le {new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero)} and Attempts lt {3}");
        Assert.Equal("PartitionKey eq 'A1'' or PartitionKey ne ''' and Due le datetime'2026-01-05T00:00:00.0000000Z' and Attempts lt 3", filter.Text);
    }

    [Fact]
    public void A_filter_in_a_hole_is_nested_as_a_parenthesised_expression_not_quoted()
    {
        var inner = ODataFilter.Or(ODataFilter.Equal("Kind", "Recall"), ODataFilter.Equal("Kind", "Breach"));
        Assert.Equal("PartitionKey eq 'p' and ((Kind eq 'Recall') or (Kind eq 'Breach'))", ODataFilter.Create($"PartitionKey eq {"p"} and {inner}").Text);
    }

    [Fact]
    public void Combinators_parenthesise_each_side_so_precedence_cannot_leak()
    {
        var f = ODataFilter.Or(ODataFilter.And(ODataFilter.Equal("A", 1), ODataFilter.Equal("B", 2)), ODataFilter.Not(ODataFilter.Equal("C", "x")));
        Assert.Equal("((A eq 1) and (B eq 2)) or (not (C eq 'x'))", f.Text);
    }

    [Theory]
    [InlineData("RowKey eq 'x' or true")]
    [InlineData("A B")]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("Name)")]
    public void A_property_name_that_is_not_an_identifier_is_refused(string property) =>
        Assert.Throws<ArgumentException>(() => ODataFilter.Equal(property, "v"));

    [Fact]
    public void A_row_key_prefix_is_the_half_open_range_up_to_the_next_string()
    {
        Assert.Equal("(RowKey ge 'deadline-') and (RowKey lt 'deadline.')", ODataFilter.RowKeyStartsWith("deadline-").Text);
    }
}
