using ShortSentences.App.Journeys;
using Xunit;

namespace ShortSentences.App.Tests.Storage;

/// <summary>The escaping that makes any id a table key: never two ids on one key, never a character keys may not hold.</summary>
public sealed class TableKeyTests
{
    [Theory]
    [InlineData("J-X777519-S1/initial-assessment/overdue", "J-X777519-S1~002Finitial-assessment~002Foverdue")]
    [InlineData("a~b", "a~007Eb")]
    [InlineData("100%", "100~0025")]
    [InlineData("x#y?z\\", "x~0023y~003Fz~005C")]
    [InlineData("tab\there", "tab~0009here")]
    [InlineData("o'brien", "o'brien")]
    public void An_id_becomes_the_key_the_app_has_always_written_for_it(string id, string key) =>
        Assert.Equal(key, TableKey.Escape(id));

    [Fact]
    public void Ids_that_differ_give_keys_that_differ_even_where_one_spells_the_others_escape()
    {
        string[] ids = ["a/b", "a~002Fb", "a~b", "a~007Eb", "a%2Fb", "a%252Fb", "a\\b", "a~005Cb"];

        Assert.Equal(ids.Length, ids.Select(TableKey.Escape).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void No_key_holds_a_character_the_Table_service_forbids_or_a_percent_sign()
    {
        var every = new string(Enumerable.Range(1, 0x7F).Select(c => (char)c).ToArray());

        var key = TableKey.Escape(every);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c));
    }

    [Fact]
    public void An_id_too_long_for_a_key_is_refused_before_anything_is_sent()
    {
        Assert.Equal(TableKey.MaxLength, TableKey.Escape(new string('a', TableKey.MaxLength)).Length);
        Assert.Throws<ArgumentException>(() => TableKey.Escape(new string('a', TableKey.MaxLength + 1)));
        Assert.Throws<ArgumentException>(() => TableKey.Escape(new string('/', 200))); // 200 characters, 1,000 escaped
        Assert.Throws<ArgumentException>(() => TableKey.Escape(""));
    }
}
