using System.Text.Json;
using NodaTime;
using ShortSentences.App.Journeys;
using ShortSentences.Journeys.Durable;
using ShortSentences.Orchestration.Storage;
using Xunit;

namespace ShortSentences.App.Tests.Storage;

/// <summary>The reminders queue's message, as both outboxes write it, is what the gateway reads.</summary>
public sealed class ReminderCommandTextTests
{
    private static readonly ReminderCommand Command = new("J-X777519-S1/initial-assessment/overdue", "J-X777519-S1", "X777519",
        "initial-assessment", "release.initial-assessment", ReminderKind.Overdue, RecipientRole.Com, "com-patel", "LDN-LEW",
        new LocalDate(2026, 3, 6), "Initial assessment within 15 working days", Instant.FromUtc(2026, 3, 9, 6, 0));

    [Fact]
    public void The_durable_outbox_message_is_read_back_as_the_same_command() =>
        Assert.Equal(Command, ReminderCommandText.FromMessage(ReminderOutbox.Message(Command)));

    [Fact]
    public void A_message_the_old_runtime_queued_is_read_back_as_the_same_command()
    {
        // As functions/Runtime's outbox wrote it (ReminderCommandJson): messages already queued still send.
        const string queued = """
            {"idempotencyKey":"J-X777519-S1/initial-assessment/overdue","command":{"idempotencyKey":"J-X777519-S1/initial-assessment/overdue",
            "journeyId":"J-X777519-S1","crn":"X777519","taskId":"initial-assessment","ruleId":"release.initial-assessment","kind":"Overdue",
            "recipientRole":"Com","recipient":"com-patel","pdu":"LDN-LEW","dueDate":"2026-03-06","reason":"Initial assessment within 15 working days",
            "raisedAt":"2026-03-09T06:00:00Z"}}
            """;

        Assert.Equal(Command, ReminderCommandText.FromMessage(queued));
    }

    [Theory]
    [InlineData("""{"command":{"idempotencyKey":"k"}}""")]
    [InlineData("""{"command":{"idempotencyKey":"k","journeyId":"J","crn":null,"taskId":"t","ruleId":"r","kind":"Overdue","recipientRole":"Com","recipient":"c","pdu":"p","dueDate":"2026-03-06","reason":"x","raisedAt":"2026-03-09T06:00:00Z"}}""")]
    [InlineData("""{"command":{"idempotencyKey":"k","journeyId":"J","crn":"X","taskId":"t","ruleId":"r","kind":"Sometime","recipientRole":"Com","recipient":"c","pdu":"p","dueDate":"2026-03-06","reason":"x","raisedAt":"2026-03-09T06:00:00Z"}}""")]
    [InlineData("""{"command":null}""")]
    public void A_command_with_a_field_missing_null_or_unknown_is_not_a_reminder_command(string message) =>
        Assert.ThrowsAny<JsonException>(() => ReminderCommandText.FromMessage(message));
}
