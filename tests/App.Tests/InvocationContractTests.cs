using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ShortSentences.App.Api;
using ShortSentences.App.CustomHandler;
using ShortSentences.App.Http;
using Xunit;

namespace ShortSentences.App.Tests;

/// <summary>
/// The host's side of the custom-handler contract, from example payloads in Payloads/ (shaped as the Functions host
/// builds them: ScriptInvocationContextExtensions and HttpScriptInvocationResultExtensions in azure-functions-host).
/// </summary>
public class InvocationContractTests
{
    private sealed class Recorder
    {
        public List<ApiRequest> Http { get; } = [];
        public List<TriggerInvocation> Triggers { get; } = [];
    }

    private static (InvocationDispatcher Dispatcher, Recorder Seen) Dispatcher(bool keysEnforced = false, Exception? triggerFails = null)
    {
        var seen = new Recorder();
        var routes = FunctionCatalog.Http.Select(f => new FunctionRoute(f.Name, f.Method, f.Template, f.Access, (r, _) =>
        {
            seen.Http.Add(r);
            return Task.FromResult(ApiResponse.Json(201, new { handledBy = f.Name }).WithHeader("Location", "/api/journeys/J-X777519-S1"));
        })).ToList();
        var triggers = FunctionCatalog.TriggerBindings.Select(t => new TriggerFunction(t.Key, t.Value, (inv, _) =>
        {
            seen.Triggers.Add(inv);
            if (triggerFails is not null) throw triggerFails;
            return Task.FromResult(TriggerResult.Done($"{t.Key} handled"));
        }));
        var pipeline = new ApiPipeline(new KeyPolicy("the-key", keysEnforced), NullLogger<ApiPipeline>.Instance);
        return (new InvocationDispatcher(new Router(routes), triggers, pipeline, NullLogger<InvocationDispatcher>.Instance), seen);
    }

    [Fact]
    public async Task An_HTTP_invocation_reaches_its_function_with_method_path_headers_and_body()
    {
        var (dispatcher, seen) = Dispatcher();
        var answer = await dispatcher.DispatchAsync("PostSentence", Repo.PayloadBytes("http-post-sentence.invocation.json"), default);
        Assert.Equal(200, answer.StatusCode);
        var request = Assert.Single(seen.Http);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/sentences", request.Path);
        Assert.Equal("application/json", request.Header("content-type"));
        using var sent = JsonDocument.Parse(request.Body);
        Assert.Equal("court-2026-11-16-X777519-S1", sent.RootElement.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task An_HTTP_invocation_answers_200_with_the_real_status_headers_and_body_in_the_res_output()
    {
        var (dispatcher, _) = Dispatcher();
        var answer = await dispatcher.DispatchAsync("PostSentence", Repo.PayloadBytes("http-post-sentence.invocation.json"), default);
        using var doc = JsonDocument.Parse(answer.Body);
        var res = doc.RootElement.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(201, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("/api/journeys/J-X777519-S1", res.GetProperty("headers").GetProperty("Location").GetString());
        Assert.StartsWith("application/json", res.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("PostSentence", JsonDocument.Parse(res.GetProperty("body").GetString()!).RootElement.GetProperty("handledBy").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task Route_values_and_the_query_are_taken_from_the_request_url()
    {
        var (dispatcher, seen) = Dispatcher();
        await dispatcher.DispatchAsync("GetJourney", Repo.PayloadBytes("http-get-journey.invocation.json"), default);
        var request = Assert.Single(seen.Http);
        Assert.Equal("J-X777519-S1", request.Route("id"));
        Assert.Equal("redacted", request.QueryValue("code"));
        Assert.True(request.Body.IsEmpty);
    }

    [Fact]
    public async Task A_hostile_journey_id_in_an_invocation_arrives_decoded_for_the_handler_to_refuse()
    {
        var (dispatcher, seen) = Dispatcher();
        await dispatcher.DispatchAsync("GetJourney", Repo.PayloadBytes("http-get-journey-hostile-id.invocation.json"), default);
        Assert.Equal("J-X777519-S1' or PartitionKey ne '", Assert.Single(seen.Http).Route("id"));
        Assert.False(ShortSentences.App.Events.Identifiers.IsJourneyId(seen.Http[0].Route("id")));
    }

    [Fact]
    public async Task A_key_check_applies_to_the_request_inside_an_invocation_when_keys_are_enforced()
    {
        var (dispatcher, seen) = Dispatcher(keysEnforced: true);
        var answer = await dispatcher.DispatchAsync("PostSentence", Repo.PayloadBytes("http-post-sentence.invocation.json"), default);
        using var doc = JsonDocument.Parse(answer.Body);
        Assert.Equal(401, doc.RootElement.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
        Assert.Empty(seen.Http);
    }

    [Fact]
    public async Task A_Service_Bus_invocation_hands_over_the_message_text_decoded_once_more()
    {
        var (dispatcher, seen) = Dispatcher();
        var answer = await dispatcher.DispatchAsync("DomainEventsFromServiceBus", Repo.PayloadBytes("servicebus-sns.invocation.json"), default);
        Assert.Equal(200, answer.StatusCode);
        var invocation = Assert.Single(seen.Triggers);
        using var message = JsonDocument.Parse(invocation.Input("message")!);
        Assert.Equal("Notification", message.RootElement.GetProperty("Type").GetString());
        Assert.Equal("5b0b1d2e8f5a4c7e9d3b2a1c0f9e8d7c", invocation.MetadataText("MessageId"));
        Assert.Equal("1", invocation.MetadataText("DeliveryCount"));
        Assert.Contains("DomainEventsFromServiceBus handled", JsonDocument.Parse(answer.Body).RootElement.GetProperty("Logs")[0].GetString());
    }

    [Theory]
    [InlineData("queue-reminder.invocation.json")]
    [InlineData("queue-docs-style.invocation.json")]
    public async Task A_queue_invocation_gives_the_same_message_and_dequeue_count_in_either_encoding(string payload)
    {
        var (dispatcher, seen) = Dispatcher();
        await dispatcher.DispatchAsync("SendReminders", Repo.PayloadBytes(payload), default);
        var invocation = Assert.Single(seen.Triggers);
        Assert.Equal("{\"idempotencyKey\": \"J-X777519-S1/com-allocation/overdue\"}", invocation.Input("reminder"));
        Assert.Equal("1", invocation.MetadataText("DequeueCount"));
        Assert.Equal("c0a8e3f2-5d2a-4f6e-8b1e-0d3c9a7b6e51", invocation.MetadataText("Id"));
    }

    [Fact]
    public async Task A_timer_invocation_carries_the_schedule_status()
    {
        var (dispatcher, seen) = Dispatcher();
        var answer = await dispatcher.DispatchAsync("DueDeadlines", Repo.PayloadBytes("timer.invocation.json"), default);
        Assert.Equal(200, answer.StatusCode);
        using var timer = JsonDocument.Parse(Assert.Single(seen.Triggers).Input("timer")!);
        Assert.False(timer.RootElement.GetProperty("IsPastDue").GetBoolean());
    }

    [Fact]
    public async Task A_trigger_invocation_without_metadata_still_runs()
    {
        var (dispatcher, seen) = Dispatcher();
        var answer = await dispatcher.DispatchAsync("DueDeadlines", Encoding.UTF8.GetBytes("{\"Data\":{\"timer\":{\"IsPastDue\":true}}}"), default);
        Assert.Equal(200, answer.StatusCode);
        Assert.Null(Assert.Single(seen.Triggers).MetadataText("sys"));
    }

    [Fact]
    public async Task A_failing_trigger_answers_500_so_the_host_retries_and_the_logs_hold_no_exception_text()
    {
        var (dispatcher, _) = Dispatcher(triggerFails: new InvalidOperationException("AccountKey=secret"));
        var answer = await dispatcher.DispatchAsync("SendReminders", Repo.PayloadBytes("queue-reminder.invocation.json"), default);
        Assert.Equal(500, answer.StatusCode);
        Assert.DoesNotContain("secret", answer.Body);
        Assert.DoesNotContain("   at ", answer.Body);
        Assert.Contains("correlation id", JsonDocument.Parse(answer.Body).RootElement.GetProperty("Logs")[0].GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Metadata\":{}}")]
    [InlineData("[]")]
    public async Task A_malformed_invocation_is_refused_with_400(string payload)
    {
        var (dispatcher, seen) = Dispatcher();
        var answer = await dispatcher.DispatchAsync("SendReminders", Encoding.UTF8.GetBytes(payload), default);
        Assert.Equal(400, answer.StatusCode);
        Assert.Empty(seen.Triggers);
    }

    [Fact]
    public async Task An_invocation_of_an_unknown_function_is_refused()
    {
        var (dispatcher, _) = Dispatcher();
        Assert.False(dispatcher.Knows("DeleteEverything"));
        Assert.Equal(400, (await dispatcher.DispatchAsync("DeleteEverything", Repo.PayloadBytes("timer.invocation.json"), default)).StatusCode);
    }

    [Theory]
    [InlineData("\"hello\"", "hello")]
    [InlineData("\"\\\"hello\\\"\"", "hello")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("\"{\\\"a\\\":1}\"", "{\"a\":1}")]
    [InlineData("\"eyJhIjoxfQ==\"", "{\"a\":1}")]
    [InlineData("42", "42")]
    public void Trigger_inputs_are_unwrapped_from_every_encoding_the_host_uses(string json, string expected)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(expected, InvocationValues.Text(doc.RootElement));
    }

    [Fact]
    public void An_older_host_that_sends_the_query_as_a_string_still_gives_the_query_from_the_url()
    {
        using var doc = JsonDocument.Parse("""{"Url":"http://localhost:7071/api/journeys?crn=X777519&overdue=true","Method":"GET","Query":"{\"crn\":\"X777519\"}"}""");
        var request = HttpTriggerPayload.ToApiRequest(doc.RootElement)!;
        Assert.Equal("X777519", request.QueryValue("crn"));
        Assert.Equal("true", request.QueryValue("overdue"));
        Assert.Equal("/api/journeys", request.Path);
    }

    [Fact]
    public void The_res_output_has_the_fields_the_host_reads()
    {
        var output = HttpTriggerPayload.ToOutput(Problems.NotFound("/api/journeys/J-X777519-S9", "There is no journey with this id."));
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(output));
        Assert.Equal(404, doc.RootElement.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("application/problem+json", doc.RootElement.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal(404, JsonDocument.Parse(doc.RootElement.GetProperty("body").GetString()!).RootElement.GetProperty("status").GetInt32());
    }
}
