using ShortSentences.Storage.Http;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>The string-to-sign layouts from "Authorize with Shared Key"; Azurite checks the signatures in every contract test.</summary>
public sealed class SharedKeySignatureTests
{
    private const string Date = "Sun, 22 Nov 2026 09:00:00 GMT";

    [Fact]
    public void A_table_request_signs_verb_md5_type_date_and_the_path_style_resource_with_only_comp()
    {
        var uri = new Uri("http://127.0.0.1:10002/devstoreaccount1/Journeys()?$filter=PartitionKey%20eq%20%27a%27&comp=list&$top=5");
        var s = SharedKeySignature.TableStringToSign("get", null, "application/json", Date, "devstoreaccount1", uri);
        Assert.Equal("GET\n\napplication/json\n" + Date + "\n/devstoreaccount1/devstoreaccount1/Journeys()?comp=list", s);
    }

    [Fact]
    public void A_queue_request_signs_sorted_x_ms_headers_and_every_decoded_query_parameter_in_order()
    {
        var uri = new Uri("https://acct.queue.core.windows.net/reminders/messages?visibilitytimeout=30&numofmessages=2&popreceipt=AB%2FC%3D%3D");
        var headers = new Dictionary<string, string>
        {
            ["x-ms-version"] = "2021-12-02", ["x-ms-date"] = Date, ["Content-Type"] = "application/xml", ["X-MS-Client-Request-Id"] = " id-1 ",
            ["User-Agent"] = "ignored",
        };
        var s = SharedKeySignature.QueueStringToSign("POST", headers, 42, "acct", uri);
        Assert.Equal(
            "POST\n\n\n42\n\napplication/xml\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:id-1\nx-ms-date:" + Date + "\nx-ms-version:2021-12-02\n" +
            "/acct/reminders/messages\nnumofmessages:2\npopreceipt:AB/C==\nvisibilitytimeout:30", s);
    }

    [Fact]
    public void A_zero_content_length_is_signed_as_empty()
    {
        var uri = new Uri("http://127.0.0.1:10001/devstoreaccount1/q");
        var s = SharedKeySignature.QueueStringToSign("PUT", new Dictionary<string, string>(), 0, "devstoreaccount1", uri);
        Assert.StartsWith("PUT\n\n\n\n", s);
    }

    [Fact]
    public void The_signature_is_base64_HMAC_SHA256_of_the_UTF8_string_with_the_decoded_key()
    {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector.
        var signature = SharedKeySignature.Sign("The quick brown fox jumps over the lazy dog", "key"u8.ToArray());
        Assert.Equal("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=", signature);
    }
}
