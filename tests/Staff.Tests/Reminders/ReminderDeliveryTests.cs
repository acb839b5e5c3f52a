using ShortSentences.Journeys.Durable;
using ShortSentences.Staff.Reminders;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Reminders;

public sealed class ReminderDeliveryTests
{
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 3, 9, 6, 0, 5, TimeSpan.Zero));
    private readonly InMemoryDeliveryLog log = new();
    private readonly LocalSink sink;

    public ReminderDeliveryTests() => sink = new LocalSink(clock);

    private ReminderDelivery Delivery(ReminderOptions? options = null, IReminderChannel? channel = null) =>
        new(channel ?? sink, log, Samples.Directory(), options ?? Samples.Options(), clock);

    [Fact]
    public async Task An_overdue_reminder_goes_to_the_COM_with_the_task_due_date_reason_and_a_link_to_the_journey()
    {
        var record = await Delivery().DeliverAsync(Samples.Reminder());

        Assert.Equal(DeliveryStatus.Sent, record.Status);
        var email = Assert.Single(sink.Emails).Message;
        Assert.Equal("priya.patel@probation.example.gov.uk", email.EmailAddress);
        Assert.Equal("11111111-0000-4000-8000-000000000003", email.TemplateId);
        Assert.Equal("J-X777519-S1/initial-assessment/overdue", email.Reference);
        Assert.Equal("Initial assessment", email.Personalisation["task"]);
        Assert.Equal("6 March 2026", email.Personalisation["due_date"]);
        Assert.Equal("https://staff.example.gov.uk/staff/journeys/J-X777519-S1", email.Personalisation["link"]);
        Assert.Contains("15 working days", (string)email.Personalisation["reason"]);
    }

    [Fact]
    public async Task The_same_reminder_delivered_twice_is_sent_once()
    {
        var first = await Delivery().DeliverOnceAsync(Samples.Reminder());
        var second = await Delivery().DeliverOnceAsync(Samples.Reminder());

        Assert.Single(sink.Emails);
        Assert.False(first.AlreadyHandled);
        Assert.True(second.AlreadyHandled);
        Assert.Equal(first.Record.NotificationId, second.Record.NotificationId);
        Assert.Equal(DeliveryStatus.Sent, second.Record.Status);
    }

    [Fact]
    public async Task The_same_reminder_delivered_by_many_workers_at_once_is_sent_once()
    {
        var delivery = Delivery();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => delivery.DeliverAsync(Samples.Reminder()))));

        Assert.Single(sink.Emails);
    }

    [Fact]
    public async Task Each_kind_of_reminder_for_the_same_task_is_its_own_email()
    {
        foreach (var kind in new[] { ReminderKind.Upcoming, ReminderKind.DueToday, ReminderKind.Overdue })
            await Delivery().DeliverAsync(Samples.Reminder(kind));

        Assert.Equal(3, sink.Emails.Select(e => e.Message.Reference).Distinct().Count());
    }

    [Fact]
    public async Task An_escalation_naming_the_COM_goes_to_that_COM_s_SPO()
    {
        await Delivery().DeliverAsync(Samples.Reminder(ReminderKind.Escalation, role: RecipientRole.Spo, recipient: "com-hughes"));

        Assert.Equal("grace.okafor@probation.example.gov.uk", Assert.Single(sink.Emails).Message.EmailAddress);
    }

    [Fact]
    public async Task A_reminder_to_allocate_a_COM_goes_to_the_PDU_mailbox_and_so_does_one_for_an_unallocated_case()
    {
        await Delivery().DeliverAsync(Samples.Reminder(task: "com-allocation", role: RecipientRole.Pdu, recipient: "LDN-SWK", pdu: "LDN-SWK"));
        await Delivery().DeliverAsync(Samples.Reminder(task: "bcst-part-1", role: RecipientRole.Com, recipient: "", pdu: "LDN-LEW"));

        Assert.Equal(
            ["southwark.pdu@probation.example.gov.uk", "lewisham.pdu@probation.example.gov.uk"],
            sink.Emails.Select(e => e.Message.EmailAddress).ToArray());
    }

    [Theory]
    [InlineData(RecipientRole.Com, "Priya Patel", "priya.patel@probation.example.gov.uk")] // the COM as the allocation event named them
    [InlineData(RecipientRole.Com, "unallocated (LDN-LEW)", "lewisham.pdu@probation.example.gov.uk")]
    [InlineData(RecipientRole.Spo, "SPO LDN-LEW", "grace.okafor@probation.example.gov.uk")] // the PDU's escalation SPO
    [InlineData(RecipientRole.Pdu, "PDU LDN-LEW", "lewisham.pdu@probation.example.gov.uk")]
    public async Task The_recipients_as_the_journeys_name_them_resolve_to_an_address(RecipientRole role, string recipient, string email)
    {
        await Delivery().DeliverAsync(Samples.Reminder(role: role, recipient: recipient));

        Assert.Equal(email, Assert.Single(sink.Emails).Message.EmailAddress);
    }

    [Fact]
    public async Task A_reminder_for_someone_not_in_the_directory_and_no_known_PDU_is_recorded_as_failed_and_nothing_is_sent()
    {
        var record = await Delivery().DeliverAsync(Samples.Reminder(recipient: "com-nobody", pdu: "LDN-NOWHERE"));

        Assert.Equal(DeliveryStatus.Failed, record.Status);
        Assert.Contains("com-nobody", record.Failure!.Message);
        Assert.Contains("LDN-NOWHERE", record.Failure.Message);
        Assert.Empty(sink.Emails);
        Assert.Equal(DeliveryStatus.Failed, Assert.Single(await log.AllAsync()).Status);
    }

    [Fact]
    public async Task A_missing_template_is_recorded_and_the_reminder_goes_out_on_redelivery_once_configured()
    {
        var options = Samples.Options();
        options.Templates.Remove("Overdue");

        var first = await Delivery(options).DeliverAsync(Samples.Reminder());
        var second = await Delivery().DeliverAsync(Samples.Reminder());

        Assert.Equal(DeliveryStatus.FailedWillRetry, first.Status);
        Assert.Contains("Staff:Reminders:Templates:Overdue", first.Failure!.Message);
        Assert.Equal(DeliveryStatus.Sent, second.Status);
        Assert.Single(sink.Emails);
    }

    [Fact]
    public async Task A_practitioner_on_the_digest_gets_nothing_at_once_then_one_email_listing_everything_due()
    {
        var options = Samples.Options(DigestMode.PerPractitioner);
        await Delivery(options).DeliverAsync(Samples.Reminder(ReminderKind.Overdue, "initial-assessment", recipient: "com-hughes"));
        await Delivery(options).DeliverAsync(Samples.Reminder(ReminderKind.Upcoming, "home-visit", crn: "X123456", recipient: "com-hughes"));
        await Delivery(options).DeliverAsync(Samples.Reminder(ReminderKind.Overdue, "home-visit", recipient: "com-patel"));
        Assert.Equal(["priya.patel@probation.example.gov.uk"], sink.Emails.Select(e => e.Message.EmailAddress).ToArray());

        clock.Now = new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero); // 07:00 in London (GMT in March)
        var digests = await new DigestSender(sink, log, options, clock).SendDueAsync();
        var again = await new DigestSender(sink, log, options, clock).SendDueAsync();

        var digest = Assert.Single(digests);
        Assert.Equal("digest/com-hughes/2026-03-09", digest.Reference);
        Assert.Empty(again);
        var email = sink.Emails[^1].Message;
        Assert.Equal("tom.hughes@probation.example.gov.uk", email.EmailAddress);
        var items = Assert.IsType<List<string>>(email.Personalisation["items"]);
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.StartsWith("X777519: Initial assessment is overdue since", StringComparison.Ordinal));
        Assert.Equal(2, sink.Emails.Count);
        Assert.All((await log.AllAsync()).Where(r => r.RecipientStaffId == "com-hughes"), r => Assert.Equal(DeliveryStatus.SentInDigest, r.Status));
    }

    [Fact]
    public async Task The_digest_waits_for_its_send_time_and_escalations_never_wait_for_it()
    {
        var options = Samples.Options(DigestMode.All);
        await Delivery(options).DeliverAsync(Samples.Reminder(ReminderKind.Overdue));
        await Delivery(options).DeliverAsync(Samples.Reminder(ReminderKind.Escalation, role: RecipientRole.Spo, recipient: "com-patel"));

        var early = await new DigestSender(sink, log, options, clock).SendDueAsync(); // 06:00, before 07:00

        Assert.Empty(early);
        Assert.Equal(["grace.okafor@probation.example.gov.uk"], sink.Emails.Select(e => e.Message.EmailAddress).ToArray());
    }

    [Fact]
    public async Task A_reminder_that_failed_transiently_is_sent_when_the_command_is_delivered_again()
    {
        var flaky = new FlakyChannel(sink);
        var first = await Delivery(channel: flaky).DeliverAsync(Samples.Reminder());
        var second = await Delivery(channel: flaky).DeliverAsync(Samples.Reminder());
        var third = await Delivery(channel: flaky).DeliverAsync(Samples.Reminder());

        Assert.Equal(DeliveryStatus.FailedWillRetry, first.Status);
        Assert.Equal(DeliveryStatus.Sent, second.Status);
        Assert.Equal(DeliveryStatus.Sent, third.Status);
        Assert.Equal(2, second.Attempts);
        Assert.Single(sink.Emails);
    }

    [Fact]
    public async Task The_tally_counts_reminders_by_kind_and_finds_no_duplicate_when_every_command_is_delivered_twice()
    {
        var commands = new[] { ReminderKind.Upcoming, ReminderKind.DueToday, ReminderKind.Overdue }
            .Select(k => Samples.Reminder(k))
            .Append(Samples.Reminder(ReminderKind.Escalation, role: RecipientRole.Spo, recipient: "com-patel"))
            .ToList();
        foreach (var command in commands.Concat(commands))
            await Delivery().DeliverAsync(command);

        var tally = ReminderTally.Of(commands.Concat(commands), await log.AllAsync(), sink.Emails.Select(e => e.Message.Reference));

        Assert.Equal(8, tally.Commands);
        Assert.Equal(4, tally.DistinctKeys);
        Assert.Equal(2, tally.RaisedByKind["Escalation"]);
        Assert.Equal(4, tally.RecordsByStatus["Sent"]);
        Assert.Equal(4, tally.EmailsSent);
        Assert.Equal(0, tally.DuplicateEmails);
        Assert.Equal(1, ReminderTally.Of([], [], ["a", "b", "a"]).DuplicateEmails);
    }

    /// <summary>Fails its first e-mail as Notify's 5xx would after retries, then passes through.</summary>
    private sealed class FlakyChannel(IReminderChannel inner) : IReminderChannel
    {
        private int calls;

        public string Name => "flaky";

        public Task<ChannelResult> SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref calls) == 1
                ? Task.FromResult(ChannelResult.Failed(new ChannelFailure(503, "Exception", "Service unavailable", false), 1))
                : inner.SendEmailAsync(message, cancellationToken);

        public Task<string?> FindSentAsync(string reference, CancellationToken cancellationToken = default) =>
            inner.FindSentAsync(reference, cancellationToken);
    }
}
