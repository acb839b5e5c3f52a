using NodaTime;

namespace ShortSentences.Staff.Reminders;

/// <summary>The outcome of one practitioner's digest for one day.</summary>
public sealed record DigestOutcome(string StaffId, LocalDate Day, string Reference, int Items, ChannelResult Result);

/// <summary>
/// Sends the daily digest: once the day's send time has passed, one e-mail per member of staff listing every reminder
/// held for them. The digest reference ("digest/{staff id}/{date}") is claimed first, so a second run the same day sends
/// nothing; reminders raised after that wait for the next day's digest.
/// </summary>
public sealed class DigestSender(IReminderChannel channel, IDeliveryLog log, ReminderOptions options, TimeProvider clock)
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public async Task<IReadOnlyList<DigestOutcome>> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var local = now.InZone(London);
        if (local.TimeOfDay < LocalTime.FromHourMinuteSecondTick(options.DigestSendAt.Hour, options.DigestSendAt.Minute, 0, 0))
            return [];
        if (string.IsNullOrWhiteSpace(options.DigestTemplate))
            throw new InvalidOperationException("digests are on but no GOV.UK Notify template is configured for them (Staff:Reminders:DigestTemplate)");

        var day = local.Date;
        var waiting = (await log.AllAsync(cancellationToken))
            .Where(r => r.Status == DeliveryStatus.WaitingForDigest && r.RecipientStaffId is not null)
            .GroupBy(r => r.RecipientStaffId!, StringComparer.OrdinalIgnoreCase);

        var outcomes = new List<DigestOutcome>();
        foreach (var group in waiting.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var reference = $"digest/{group.Key}/{day:yyyy-MM-dd}";
            if (!await log.TryClaimDigestAsync(reference, cancellationToken))
                continue;
            var items = group.OrderBy(r => r.Command.DueDate).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
            var first = items[0];
            var message = new EmailMessage(options.DigestTemplate, first.RecipientEmail!,
                new Dictionary<string, object>
                {
                    ["name"] = first.RecipientName ?? "",
                    ["date"] = ReminderEmail.LongDate(day),
                    ["count"] = items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["items"] = items.Select(r => ReminderEmail.DigestLine(r.Command)).ToList(),
                    ["link"] = $"{options.PublicBaseUrl.TrimEnd('/')}/staff/caseload",
                },
                reference);
            var result = await channel.SendEmailAsync(message, cancellationToken);
            if (result.Sent)
            {
                foreach (var item in items)
                {
                    await log.SaveAsync(item with
                    {
                        Status = DeliveryStatus.SentInDigest, DigestReference = reference,
                        NotificationId = result.NotificationId, UpdatedAt = now, Attempts = item.Attempts + result.Attempts,
                    }, cancellationToken);
                }
            }
            else
            {
                await log.ReleaseDigestAsync(reference, cancellationToken);
            }
            outcomes.Add(new DigestOutcome(group.Key, day, reference, items.Count, result));
        }
        return outcomes;
    }
}
