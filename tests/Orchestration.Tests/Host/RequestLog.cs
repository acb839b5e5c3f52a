using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>The HTTP methods a table client sent, in order: to tell how many storage round trips a write took.</summary>
public sealed class RequestLog : HttpPipelineSynchronousPolicy
{
    private readonly List<string> _methods = [];

    public IReadOnlyList<string> Methods { get { lock (_methods) return _methods.ToList(); } }

    public void Clear() { lock (_methods) _methods.Clear(); }

    public override void OnSendingRequest(HttpMessage message) { lock (_methods) _methods.Add(message.Request.Method.Method); }

    /// <summary>A client of <paramref name="table"/> (created if need be) whose requests are logged.</summary>
    public static async Task<(TableClient Client, RequestLog Requests)> Table(string connectionString, string table)
    {
        var requests = new RequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var client = new TableServiceClient(connectionString, options).GetTableClient(table);
        await client.CreateIfNotExistsAsync();
        return (client, requests);
    }
}
