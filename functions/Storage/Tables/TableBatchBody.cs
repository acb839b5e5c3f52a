using System.Text;
using System.Text.RegularExpressions;
using Azure;
using ShortSentences.Storage.Http;

namespace ShortSentences.Storage.Tables;

/// <summary>
/// The multipart/mixed body of an entity-group transaction ("Performing entity group transactions"): one batch
/// holding one changeset with an HTTP request per operation; and the reading of the multipart response.
/// </summary>
internal static partial class TableBatchBody
{
    public static (string ContentType, byte[] Body) Write(Uri tableUri, string tableName, TableTransaction transaction, string boundaryId)
    {
        var batch = "batch_" + boundaryId;
        var changeset = "changeset_" + boundaryId;
        var sb = new StringBuilder();
        sb.Append("--").Append(batch).Append("\r\n")
          .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        var index = 0;
        foreach (var action in transaction.Actions)
        {
            index++;
            sb.Append("--").Append(changeset).Append("\r\n")
              .Append("Content-Type: application/http\r\n")
              .Append("Content-Transfer-Encoding: binary\r\n\r\n");
            var entityUri = $"{tableUri.AbsoluteUri}/{TableKeys.EntityPath(tableName, action.Entity.PartitionKey, action.Entity.RowKey)}";
            var (verb, uri, ifMatch, body) = action.Kind switch
            {
                TableActionKind.Insert => ("POST", $"{tableUri.AbsoluteUri}/{tableName}", (string?)null, true),
                TableActionKind.Update => (action.Mode == TableUpdateMode.Merge ? "MERGE" : "PUT", entityUri, action.IfMatch.ToString("G"), true),
                TableActionKind.Upsert => (action.Mode == TableUpdateMode.Merge ? "MERGE" : "PUT", entityUri, null, true),
                TableActionKind.Delete => ("DELETE", entityUri, action.IfMatch.ToString("G"), false),
                _ => throw new InvalidOperationException(),
            };
            sb.Append(verb).Append(' ').Append(uri).Append(" HTTP/1.1\r\n")
              .Append("Accept: application/json;odata=minimalmetadata\r\n")
              .Append("DataServiceVersion: 3.0\r\n")
              .Append("Content-ID: ").Append(index).Append("\r\n");
            if (action.Kind == TableActionKind.Insert) sb.Append("Prefer: return-no-content\r\n");
            if (ifMatch is not null) sb.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            if (body)
            {
                sb.Append("Content-Type: application/json\r\n\r\n")
                  .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity))).Append("\r\n");
            }
            else sb.Append("\r\n");
        }
        sb.Append("--").Append(changeset).Append("--\r\n")
          .Append("--").Append(batch).Append("--\r\n");
        return ($"multipart/mixed; boundary={batch}", Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>The ETags of a committed changeset, or the failure that rolled it back.</summary>
    public static TableTransactionResult Read(string responseBody, int operationCount)
    {
        var parts = ParseParts(responseBody);
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null)
        {
            var (code, message) = StorageErrors.Parse(failed.Body);
            int? index = null;
            if (message is not null && IndexPrefix().Match(message) is { Success: true } m) index = int.Parse(m.Groups[1].Value);
            else if (failed.ContentId is { } cid && parts.Count == 1) index = cid - 1;
            throw new TableTransactionFailedException(failed.Status, code, index,
                StorageErrors.Describe(index is null ? "Table transaction" : $"Table transaction operation {index}", failed.Status, code, message));
        }
        if (parts.Count != operationCount)
            throw new StorageRequestException(502, null, $"Table transaction: expected {operationCount} responses, got {parts.Count}.");
        return new TableTransactionResult(parts.Select(p => p.ETag is null ? (ETag?)null : new ETag(p.ETag)).ToList());
    }

    private sealed record Part(int Status, string? ETag, int? ContentId, string Body);

    private static List<Part> ParseParts(string body)
    {
        var parts = new List<Part>();
        var lines = body.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var status = StatusLine().Match(lines[i]);
            if (!status.Success) continue;
            string? etag = null;
            int? contentId = null;
            i++;
            for (; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon < 0) continue;
                var name = lines[i][..colon].Trim();
                var value = lines[i][(colon + 1)..].Trim();
                if (name.Equals("ETag", StringComparison.OrdinalIgnoreCase)) etag = value;
                if (name.Equals("Content-ID", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, out var id)) contentId = id;
            }
            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++) content.Append(lines[i]).Append('\n');
            i--;
            parts.Add(new Part(int.Parse(status.Groups[1].Value), etag, contentId, content.ToString().Trim()));
        }
        return parts;
    }

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();
}
