using Azure;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using ShortSentences.App.Api;
using ShortSentences.App.ServiceBus;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;

namespace ShortSentences.App.Tests.ServiceBus;

/// <summary>
/// ARCHITECTURE D5: what the consumer tells Service Bus about each HMPPS domain event, through the SDK's own processor
/// and receiver types (ServiceBusModelFactory messages, a processor that delivers them to the registered handler).
/// </summary>
public sealed class SettlementTests
{
    private static readonly string ComAllocated = Samples.DomainEvent("11-domain-com-allocated.json", "X900001", "A9001AA");

    private static async Task<RecordingReceiver> Deliver(string body, ScriptedJourneys journeys, string messageId = "m-1", int deliveryCount = 1)
    {
        var processor = new ManualProcessor();
        var service = new ServiceBusDomainEventProcessor(processor,
            new DomainEventConsumer(journeys, NullLogger<DomainEventConsumer>.Instance), new ServiceBusConsumerOptions(), NullLogger<ServiceBusDomainEventProcessor>.Instance);
        await service.StartAsync(default);
        Assert.True(processor.Started);

        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString(body), messageId: messageId,
            deliveryCount: deliveryCount, lockTokenGuid: Guid.NewGuid());
        var receiver = new RecordingReceiver();
        await processor.DeliverAsync(new ProcessMessageEventArgs(message, receiver, default));
        return receiver;
    }

    private static ScriptedJourneys Answering(string outcome) => new(_ => new DomainEventOutcome(outcome, ["J-X900001-S1"]));

    [Fact]
    public async Task An_event_a_journey_refuses_for_its_date_is_dead_lettered_with_the_reason()
    {
        var journeys = new ScriptedJourneys(_ => new DomainEventOutcome(DomainEventOutcome.Refused, ["J-X900001-S1"],
            "the event is dated 2031-01-01, after today (2026-12-01): an event from the future is not applied", "occurredAt"));
        var receiver = await Deliver(ComAllocated, journeys);
        Assert.Equal(DomainEventConsumer.RefusedReason, receiver.DeadLetterReason);
        Assert.StartsWith("occurredAt: the event is dated 2031-01-01, after today", receiver.DeadLetterDescription);
    }

    [Fact]
    public async Task A_COM_allocation_applied_to_its_journey_completes_its_message()
    {
        var journeys = Answering(DomainEventOutcome.Applied);
        var receiver = await Deliver(ComAllocated, journeys);

        Assert.Equal(["complete m-1"], receiver.Calls);
        var applied = Assert.Single(journeys.Applied);
        Assert.Equal("person.community.manager.allocated", applied.EventType);
    }

    [Theory]
    [InlineData(DomainEventOutcome.Duplicate)]
    [InlineData(DomainEventOutcome.Ignored)]
    [InlineData(DomainEventOutcome.UnknownType)]
    [InlineData(DomainEventOutcome.Parked)]
    [InlineData(DomainEventOutcome.NoJourney)]
    public async Task A_duplicate_ignored_or_parked_event_completes_its_message_so_it_is_not_redelivered(string outcome)
    {
        var receiver = await Deliver(ComAllocated, Answering(outcome));
        Assert.Equal(["complete m-1"], receiver.Calls);
    }

    [Fact]
    public async Task Storage_not_answering_while_applying_abandons_the_message_so_Service_Bus_delivers_it_again()
    {
        var journeys = new ScriptedJourneys(_ => throw new RequestFailedException(503, "Service Unavailable"));
        var receiver = await Deliver(ComAllocated, journeys, deliveryCount: 3);

        Assert.Equal(["abandon m-1"], receiver.Calls);
        Assert.Single(journeys.Applied);
    }

    [Fact]
    public async Task A_timeout_while_applying_abandons_and_never_completes()
    {
        var receiver = await Deliver(ComAllocated, new ScriptedJourneys(_ => throw new TimeoutException()));
        Assert.Equal(["abandon m-1"], receiver.Calls);
    }

    [Fact]
    public async Task A_message_that_is_not_JSON_is_dead_lettered_at_once_with_a_reason_and_never_reaches_a_journey()
    {
        var journeys = Answering(DomainEventOutcome.Applied);
        var receiver = await Deliver("prisoner released A9001AA", journeys, messageId: "m-garbled");

        Assert.Equal(["dead-letter m-garbled"], receiver.Calls);
        Assert.Equal(DomainEventConsumer.MalformedReason, receiver.DeadLetterReason);
        Assert.StartsWith("The message is not an HMPPS domain event this service can read:", receiver.DeadLetterDescription);
        Assert.Empty(journeys.Applied);
    }

    [Fact]
    public async Task An_event_without_its_type_is_dead_lettered_with_a_description_naming_the_field()
    {
        var noType = ComAllocated.Replace("\"eventType\"", "\"eventKind\"");
        var journeys = Answering(DomainEventOutcome.Applied);
        var receiver = await Deliver(noType, journeys, messageId: "m-no-type");

        Assert.Equal(["dead-letter m-no-type"], receiver.Calls);
        Assert.Equal(DomainEventConsumer.MalformedReason, receiver.DeadLetterReason);
        Assert.Contains("eventType:", receiver.DeadLetterDescription);
        Assert.Empty(journeys.Applied);
    }

    [Fact]
    public async Task A_dead_letter_description_stays_within_what_Service_Bus_keeps()
    {
        // Hundreds of unknown fields' worth of errors must not make the settlement itself fail.
        var errors = Enumerable.Range(0, 500).ToDictionary(i => $"field{i}", i => new[] { "is wrong in a long and detailed way" });
        var description = DomainEventConsumer.Describe(errors);
        Assert.True(description.Length <= DomainEventConsumer.MaxDescriptionLength);
        Assert.Contains("field0: is wrong", description);
        await Task.CompletedTask;
    }

    [Fact]
    public void The_processor_settles_every_message_itself_in_peek_lock_mode()
    {
        var options = ServiceBusDomainEventProcessor.ProcessorOptions(new ServiceBusConsumerOptions());
        Assert.False(options.AutoCompleteMessages);
        Assert.Equal(ServiceBusReceiveMode.PeekLock, options.ReceiveMode);
        Assert.Equal(8, options.MaxConcurrentCalls);
        Assert.Equal(16, options.PrefetchCount);
    }
}
