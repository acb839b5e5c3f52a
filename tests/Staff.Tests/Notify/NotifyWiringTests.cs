using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
