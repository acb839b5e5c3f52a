using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.ServiceBus;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;

namespace ShortSentences.App.Tests.ServiceBus;

/// <summary>
/// The local stand-in for the Service Bus subscription, end to end on Azurite: the app's own trigger runner reads the
/// hmpps-domain-events queue and settles each message through the same consumer as in Azure.
/// </summary>
public sealed class LocalSubscriptionTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_COM_allocation_reaches_its_journey_and_a_malformed_message_beside_it_ends_dead_lettered_with_its_reason()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100051", "A1051AA"))).Dispose();
        var queue = _app.Queue(LocalQueues.DomainEvents);
        const string malformed = """{"eventKind":"person.community.manager.allocated","occurredAt":"yesterday"}""";
        await queue.SendMessageAsync(malformed);
        await queue.SendMessageAsync(Samples.DomainEvent("11-domain-com-allocated.json", "A100051", "A1051AA", "2026-11-20T09:30:00Z"));

        var journey = await RunningApp.EventuallyAsync(
            async () => (await _app.GetJsonAsync("/api/journeys/J-A100051-S1")).GetProperty("journey"),
            j => j.TryGetProperty("com", out var c) && c.ValueKind == JsonValueKind.String, "the allocation from the queue to reach the journey");
        Assert.Equal("Priya Patel", journey.GetProperty("com").GetString());

        var poison = _app.Queue(LocalQueues.Poison(LocalQueues.DomainEvents));
        var letters = await RunningApp.EventuallyAsync(() => poison.PeekTextsAsync(), l => l.Count > 0, "the malformed message to be dead-lettered");
        var letter = JsonSerializer.Deserialize<LocalDeadLetter>(Assert.Single(letters), LocalDeadLetter.Json)!;
        Assert.Equal(DomainEventConsumer.MalformedReason, letter.DeadLetterReason);
        Assert.Contains("eventType:", letter.DeadLetterErrorDescription);
        Assert.Equal(malformed, letter.Body);
        Assert.Equal(1, letter.DeliveryCount); // dead-lettered on first sight, not after five failed tries
        await RunningApp.EventuallyAsync(() => queue.CountAsync(), n => n == 0, "the queue to be drained");
    }
}
