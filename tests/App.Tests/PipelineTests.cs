using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ShortSentences.App.Http;
using Xunit;

namespace ShortSentences.App.Tests;

/// <summary>The checks every HTTP function call passes through before (and around) its handler.</summary>
public class PipelineTests
{
    private int _calls;

    private FunctionRoute Route(Access access, Exception? fails = null) =>
        new("PostSentence", "POST", "api/sentences", access, (_, _) =>
        {
            _calls++;
            if (fails is not null) throw fails;
            return Task.FromResult(ApiResponse.Json(201, new { ok = true }));
        });

    private static ApiPipeline Pipeline(bool enforced = true) =>
        new(new KeyPolicy("s3cret-key", enforced), NullLogger<ApiPipeline>.Instance);

    private static ApiRequest Request(string? headerKey = null, string? queryKey = null, byte[]? body = null, string? contentType = "application/json")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headerKey is not null) headers["x-functions-key"] = headerKey;
        if (contentType is not null) headers["Content-Type"] = contentType;
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (queryKey is not null) query["code"] = queryKey;
        return new ApiRequest("POST", "/api/sentences", query, headers, body ?? "{}"u8.ToArray());
    }

    [Fact]
    public async Task A_write_without_a_key_is_refused_with_401_and_never_reaches_the_handler()
    {
        var response = await Pipeline().InvokeAsync(Route(Access.FunctionKey), Request(), default);
        Assert.Equal(401, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType);
        Assert.Equal(0, _calls);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("s3cret-ke")]
    [InlineData("S3CRET-KEY")]
    [InlineData("")]
    public async Task A_wrong_key_is_refused(string key)
    {
        Assert.Equal(401, (await Pipeline().InvokeAsync(Route(Access.FunctionKey), Request(headerKey: key), default)).StatusCode);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task The_key_is_accepted_in_the_header_or_as_the_code_query_parameter()
    {
        Assert.Equal(201, (await Pipeline().InvokeAsync(Route(Access.FunctionKey), Request(headerKey: "s3cret-key"), default)).StatusCode);
        Assert.Equal(201, (await Pipeline().InvokeAsync(Route(Access.FunctionKey), Request(queryKey: "s3cret-key"), default)).StatusCode);
        Assert.Equal(2, _calls);
    }

    [Fact]
    public async Task Under_the_Functions_host_the_host_checks_keys_so_the_app_does_not()
    {
        Assert.Equal(201, (await Pipeline(enforced: false).InvokeAsync(Route(Access.FunctionKey), Request(), default)).StatusCode);
    }

    [Fact]
    public async Task With_no_key_configured_locally_protected_endpoints_stay_closed()
    {
        var pipeline = new ApiPipeline(new KeyPolicy(null, enforced: true), NullLogger<ApiPipeline>.Instance);
        Assert.Equal(401, (await pipeline.InvokeAsync(Route(Access.FunctionKey), Request(headerKey: ""), default)).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_endpoint_needs_no_key()
    {
        Assert.Equal(201, (await Pipeline().InvokeAsync(Route(Access.Anonymous), Request(), default)).StatusCode);
    }

    [Fact]
    public async Task A_body_over_256_KB_is_refused_with_413()
    {
        var body = Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', RequestLimits.MaxBodyBytes) + "\"}");
        var response = await Pipeline().InvokeAsync(Route(Access.FunctionKey), Request(headerKey: "s3cret-key", body: body), default);
        Assert.Equal(413, response.StatusCode);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task A_body_of_exactly_256_KB_is_let_through()
    {
        var padding = RequestLimits.MaxBodyBytes - "{\"x\":\"\"}".Length;
        var body = Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', padding) + "\"}");
        Assert.Equal(RequestLimits.MaxBodyBytes, body.Length);
        Assert.Equal(201, (await Pipeline().InvokeAsync(Route(Access.FunctionKey), Request(headerKey: "s3cret-key", body: body), default)).StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_that_is_not_JSON_is_refused_with_415(string contentType)
    {
        var response = await Pipeline().InvokeAsync(Route(Access.FunctionKey), Request(headerKey: "s3cret-key", contentType: contentType), default);
        Assert.Equal(415, response.StatusCode);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task An_unforeseen_failure_answers_a_500_problem_with_a_correlation_id_and_no_internals()
    {
        var failure = new InvalidOperationException("DefaultEndpointsProtocol=http;AccountKey=Eby8vdM02xNOcqF");
        var response = await Pipeline().InvokeAsync(Route(Access.FunctionKey, failure), Request(headerKey: "s3cret-key"), default);
        Assert.Equal(500, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType);
        Assert.DoesNotContain("AccountKey", response.Body);
        Assert.DoesNotContain("InvalidOperationException", response.Body);
        Assert.DoesNotContain(" at ", response.Body);
        using var doc = JsonDocument.Parse(response.Body);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("correlationId").GetString()));
    }

    [Fact]
    public void A_validation_problem_names_each_bad_field_in_an_RFC_7807_document()
    {
        var response = Problems.Validation("/api/sentences", new Dictionary<string, string[]>
        {
            ["person.crn"] = ["must be a letter and 6 digits, e.g. X777519"],
            ["sentence.sentenceDate"] = ["must be a real calendar date, yyyy-MM-dd"],
        });
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        using var doc = JsonDocument.Parse(response.Body);
        var root = doc.RootElement;
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal("/api/sentences", root.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        Assert.Equal(["person.crn", "sentence.sentenceDate"], root.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void The_router_says_404_for_no_route_and_405_with_the_allowed_method_for_a_wrong_one()
    {
        var router = new Router([Route(Access.FunctionKey)]);
        Assert.IsType<RouteMatch.NoRoute>(router.Match("POST", "/api/nothing-here"));
        var wrong = Assert.IsType<RouteMatch.WrongMethod>(router.Match("DELETE", "/api/sentences"));
        Assert.Equal(["POST"], wrong.Allowed);
        Assert.IsType<RouteMatch.Found>(router.Match("post", "/API/sentences"));
    }
}
