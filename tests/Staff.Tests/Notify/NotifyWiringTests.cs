using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.Staff.Notify;
using ShortSentences.Staff.Reminders;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Notify;

public sealed class NotifyWiringTests
{
    [Fact]
    public async Task Outside_local_mode_AddStaffPages_sends_reminders_through_Notify_with_the_configured_templates()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 9, 6, 0, 0, TimeSpan.Zero));
        await using var notify = await FakeNotify.StartAsync(() => clock.Now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Journeys:Mode"] = "azure",
            ["Staff:Notify:ApiKey"] = FakeNotify.ApiKey,
            ["Staff:Notify:BaseUrl"] = notify.BaseUrl.ToString(),
            ["Staff:Notify:RetryBaseDelay"] = "00:00:00.005",
            ["Staff:Reminders:Templates:Overdue"] = "4f0c1b7e-0000-4000-8000-0000000000ee",
            ["Staff:Reminders:PublicBaseUrl"] = "https://journeys.example.gov.uk",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        services.AddStaffPages(configuration);
        await using var provider = services.BuildServiceProvider();

        var record = await provider.GetRequiredService<ReminderDelivery>().DeliverAsync(Samples.Reminder());

        Assert.Equal(DeliveryStatus.Sent, record.Status);
        Assert.Equal("GOV.UK Notify", record.Channel);
        var received = Assert.Single(notify.Received);
        Assert.Null(received.TokenProblem);
        Assert.Equal("4f0c1b7e-0000-4000-8000-0000000000ee", received.Body.GetProperty("template_id").GetString());
        Assert.Equal("https://journeys.example.gov.uk/staff/journeys/J-X777519-S1",
            received.Body.GetProperty("personalisation").GetProperty("link").GetString());
    }

    [Fact]
    public async Task A_reminder_whose_worker_died_after_Notify_accepted_it_is_recorded_as_sent_without_a_second_email()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 9, 6, 0, 0, TimeSpan.Zero));
        await using var notify = await FakeNotify.StartAsync(() => clock.Now);
        using var http = new HttpClient();
        var client = new NotifyClient(http, new NotifyOptions { ApiKey = FakeNotify.ApiKey, BaseUrl = notify.BaseUrl }, clock);
        var log = new InMemoryDeliveryLog();
        var delivery = new ReminderDelivery(client, log, Samples.Directory(), Samples.Options(), clock);
        var command = Samples.Reminder();
        // The first worker claimed the key and sent the e-mail, then died before recording that it had.
        await log.TryClaimAsync(new DeliveryRecord(command, DeliveryStatus.Sending, NodaTime.Instant.FromDateTimeOffset(clock.Now)), NodaTime.Instant.MinValue);
        await client.SendEmailAsync(ReminderEmail.For(command, RecipientResolution.Resolve(command, Samples.Directory())!, Samples.Options()));

        var tooSoon = await delivery.DeliverAsync(command);
        clock.Now = clock.Now.AddMinutes(11);
        var (after, alreadyHandled) = await delivery.DeliverOnceAsync(command);

        Assert.Equal(DeliveryStatus.Sending, tooSoon.Status); // another worker may still be sending: leave it
        Assert.Equal(DeliveryStatus.Sent, after.Status);
        Assert.Equal("notify-0001", after.NotificationId);
        Assert.True(alreadyHandled);
        Assert.Single(notify.Received);
    }

    [Fact]
    public async Task A_reminder_whose_worker_died_before_sending_is_sent_by_the_next_delivery()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 9, 6, 0, 0, TimeSpan.Zero));
        await using var notify = await FakeNotify.StartAsync(() => clock.Now);
        using var http = new HttpClient();
        var client = new NotifyClient(http, new NotifyOptions { ApiKey = FakeNotify.ApiKey, BaseUrl = notify.BaseUrl }, clock);
        var log = new InMemoryDeliveryLog();
        var command = Samples.Reminder();
        await log.TryClaimAsync(new DeliveryRecord(command, DeliveryStatus.Sending, NodaTime.Instant.FromDateTimeOffset(clock.Now)), NodaTime.Instant.MinValue);
        clock.Now = clock.Now.AddMinutes(11);

        var record = await new ReminderDelivery(client, log, Samples.Directory(), Samples.Options(), clock).DeliverAsync(command);

        Assert.Equal(DeliveryStatus.Sent, record.Status);
        Assert.Single(notify.Received);
    }

    [Fact]
    public async Task Outside_local_mode_a_missing_Notify_key_is_a_clear_error_when_the_channel_is_first_needed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Journeys:Mode"] = "azure" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStaffPages(configuration);
        await using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<FormatException>(() => provider.GetRequiredService<IReminderChannel>());

        Assert.Contains("GOV.UK Notify API key", e.Message);
    }
}
