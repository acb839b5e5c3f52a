using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NodaTime;
using ShortSentences.App.Events;
using ShortSentences.App.Journeys;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.App.Tests.Storage;

/// <summary>
/// Azurite does not enforce the Table service's limits (a string property holds 32K characters, an entity 1 MiB and
/// 252 properties), so an entity that works here could fail in Azure. The largest thing the app keeps in one row, an
/// early domain event of up to 256 KB, is checked against those limits by the service's own size formula.
/// </summary>
public sealed class EntityLimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int MaxStringChars = 32 * 1024, MaxProperties = 252, MaxEntityBytes = 1024 * 1024;

    [Fact]
    public async Task The_largest_domain_event_is_parked_in_one_row_within_the_Table_service_limits_and_read_back_whole()
    {
        var table = await azurite.NewTableAsync("parked");
        var parked = new ParkedPersonEvents(table);
        var info = new JsonObject();
        for (var i = 0; info.ToJsonString().Length < 250_000; i++) info[$"field{i}"] = new string((char)('a' + i % 26), 997);
        var e = new DomainEvent("prison-offender-events.prisoner.received", 1, Instant.FromUtc(2026, 11, 20, 9, 0), "received",
            "https://example.gov.uk/x", JsonDocument.Parse(info.ToJsonString()).RootElement.Clone(), "X000009", "A0009AA", "e-large");

        await parked.ParkAsync(e, default);

        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>()) rows.Add(row);
        Assert.Equal(2, rows.Count); // under the CRN and under the NOMS number
        foreach (var row in rows)
        {
            var own = row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToList();
            Assert.InRange(own.Count, 1, MaxProperties);
            Assert.All(own, k => Assert.True(row[k] is not string s || s.Length <= MaxStringChars, $"{k} is longer than a table string may be"));
            Assert.InRange(SizeOf(row, own), 0, MaxEntityBytes);
        }
        var back = Assert.Single(await parked.ForPersonAsync("X000009", "A0009AA", default));
        Assert.Equal(e.AdditionalInformation.GetRawText(), back.AdditionalInformation.GetRawText());
    }

    /// <summary>"Understanding the Table service data model": 4 bytes + keys as UTF-16 + per property 8 bytes, its name as UTF-16 and its value.</summary>
    private static long SizeOf(TableEntity row, IEnumerable<string> properties) =>
        4 + (row.PartitionKey.Length + row.RowKey.Length) * 2L + properties.Sum(k => 8 + k.Length * 2L + row[k] switch
        {
            string s => 4 + s.Length * 2L,
            byte[] b => 4 + b.Length,
            int => 4,
            bool => 1,
            Guid => 16,
            _ => 8,
        });
}
