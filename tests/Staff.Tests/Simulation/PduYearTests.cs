using System.Text.Json;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Staff.Reminders;
using ShortSentences.Staff.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ShortSentences.Staff.Tests.Simulation;

/// <summary>
/// A simulated year for one PDU: the journeys raise their reminders on their own timers and the delivery pipeline
/// sends them (local sink). Every command is delivered twice, as the runtime may, and exactly one e-mail per key goes.
/// </summary>
public sealed class PduYearTests(ITestOutputHelper output)
{
    private const int People = 400; // about 40,000 short-sentence releases a year across roughly 100 PDUs
    private static readonly LocalDate From = new(2025, 6, 1);
    private static readonly LocalDate To = new(2026, 5, 31);
    private static readonly string[] Coms = ["Priya Patel", "Tom Hughes"];

    [Fact]
    public async Task A_year_of_reminders_for_a_PDU_is_sent_once_per_key_with_every_kind_raised_and_nobody_unreachable()
    {
        var year = PduYear.Run(People, seed: 20260311, From, To, "LDN-LEW", Coms);
        var clock = new FixedClock(From.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["Europe/London"]).ToDateTimeOffset());
        var sink = new LocalSink(clock);
        var log = new InMemoryDeliveryLog();
        var delivery = new ReminderDelivery(sink, log, Samples.Directory(), Samples.Options(), clock);

        var inOrder = year.Commands.OrderBy(c => c.RaisedAt).ThenBy(c => c.IdempotencyKey, StringComparer.Ordinal).ToList();
        var shuffle = new Random(7);
        var again = inOrder.OrderBy(_ => shuffle.Next()).ToList(); // a redelivery, in any order
        foreach (var command in inOrder.Concat(again))
        {
            if (command.RaisedAt.ToDateTimeOffset() > clock.Now) clock.Now = command.RaisedAt.ToDateTimeOffset();
            await delivery.DeliverAsync(command);
        }

        var tally = ReminderTally.Of(inOrder.Concat(again), await log.AllAsync(), sink.Emails.Select(e => e.Message.Reference));
        var kindOfTemplate = Samples.Options().Templates.ToDictionary(t => t.Value, t => t.Key);
        var emailsByKind = sink.Emails.GroupBy(e => kindOfTemplate[e.Message.TemplateId]).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var emailsByRecipient = (await log.AllAsync()).GroupBy(r => r.Command.RecipientRole).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count());
        var report = new { people = People, journeys = year.Journeys.Count, from = From.ToString("yyyy-MM-dd", null), to = To.ToString("yyyy-MM-dd", null), tally, emailsByKind, emailsByRecipient };
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(json);
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName, "pdu-year.json"), json);

        Assert.Equal(year.Commands.Count, year.Commands.Select(c => c.IdempotencyKey).Distinct().Count()); // the journeys raise each key once
        Assert.Equal(0, tally.DuplicateEmails);
        Assert.Equal(tally.DistinctKeys, tally.EmailsSent);
        Assert.Equal(tally.DistinctKeys, tally.RecordsByStatus["Sent"]);
        Assert.All(Enum.GetValues<ReminderKind>(), k => Assert.True(tally.RaisedByKind[k.ToString()] > 0, $"no {k} reminder in a year"));
        Assert.Equal(2 * year.Commands.Count, tally.Commands);
        Assert.Equal(tally.RaisedByKind.ToDictionary(k => k.Key, k => k.Value / 2), emailsByKind);
    }

    [Fact]
    public async Task With_digests_on_a_practitioner_gets_at_most_one_e_mail_a_day_and_every_held_reminder_goes_in_one()
    {
        var year = PduYear.Run(People, seed: 20260311, From, To, "LDN-LEW", Coms);
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var clock = new FixedClock(From.AtStartOfDayInZone(london).ToDateTimeOffset());
        var sink = new LocalSink(clock);
        var log = new InMemoryDeliveryLog();
        var options = Samples.Options(DigestMode.PerPractitioner); // Tom Hughes asked for the digest; Priya Patel did not
        var delivery = new ReminderDelivery(sink, log, Samples.Directory(), options, clock);
        var digests = new DigestSender(sink, log, options, clock);

        var nextDigest = From.At(new LocalTime(7, 0)).InZoneLeniently(london).ToInstant();
        async Task DigestsUntil(Instant until)
        {
            for (; nextDigest <= until; nextDigest = nextDigest.InZone(london).Date.PlusDays(1).At(new LocalTime(7, 0)).InZoneLeniently(london).ToInstant())
            {
                clock.Now = nextDigest.ToDateTimeOffset();
                await digests.SendDueAsync();
                await digests.SendDueAsync(); // a second run the same day sends nothing
            }
        }
        foreach (var command in year.Commands.OrderBy(c => c.RaisedAt).ThenBy(c => c.IdempotencyKey, StringComparer.Ordinal))
        {
            await DigestsUntil(command.RaisedAt);
            if (command.RaisedAt.ToDateTimeOffset() > clock.Now) clock.Now = command.RaisedAt.ToDateTimeOffset();
            await delivery.DeliverAsync(command);
            await delivery.DeliverAsync(command);
        }
        await DigestsUntil(To.PlusDays(1).At(new LocalTime(8, 0)).InZoneLeniently(london).ToInstant());

        var records = await log.AllAsync();
        var digestEmails = sink.Emails.Where(e => e.Message.Reference.StartsWith("digest/", StringComparison.Ordinal)).ToList();
        var tomsDirect = sink.Emails.Count(e => e.Message.EmailAddress == "tom.hughes@probation.example.gov.uk" && !e.Message.Reference.StartsWith("digest/", StringComparison.Ordinal));
        output.WriteLine(JsonSerializer.Serialize(new
        {
            digestEmails = digestEmails.Count,
            remindersInDigests = records.Count(r => r.Status == DeliveryStatus.SentInDigest),
            escalationsSentAtOnce = records.Count(r => r.Command.Kind == ReminderKind.Escalation && r.Status == DeliveryStatus.Sent),
            tomsDirectEmails = tomsDirect,
            totalEmails = sink.Emails.Count,
        }));

        Assert.NotEmpty(digestEmails);
        Assert.Equal(digestEmails.Count, digestEmails.Select(e => e.Message.Reference).Distinct().Count()); // one per practitioner per day
        Assert.All(digestEmails, e => Assert.Equal("tom.hughes@probation.example.gov.uk", e.Message.EmailAddress));
        Assert.DoesNotContain(records, r => r.Status == DeliveryStatus.WaitingForDigest);
        Assert.Equal(0, tomsDirect); // Tom's reminders all went in digests (escalations go to the SPO)
        Assert.Equal(sink.Emails.Count, sink.Emails.Select(e => e.Message.Reference).Distinct().Count());
    }
}
