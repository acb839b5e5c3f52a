using Azure.Core;
using Azure.Storage.Queues;
using ShortSentences.Orchestration.Storage;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.App.Tests.Storage;

/// <summary>How the storage setting becomes the app's clients: Shared Key with a key, an Entra ID token without.</summary>
public sealed class StorageClientsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_connection_string_with_an_account_key_signs_with_it_and_reaches_the_account()
    {
        var clients = StorageClients.From(azurite.ConnectionString);

        Assert.True(clients.UsesSharedKey);
        var table = clients.Tables.GetTableClient(AzuriteFixture.UniqueTableName("sharedkey"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
        Assert.True((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public void UseDevelopmentStorage_is_the_emulator_on_its_default_ports_with_its_key()
    {
        var clients = StorageClients.From("UseDevelopmentStorage=true");

        Assert.True(clients.UsesSharedKey);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", clients.Tables.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", clients.Queues.Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=sssjourneys;EndpointSuffix=core.windows.net")]
    [InlineData("AccountName=sssjourneys")]
    [InlineData("https://sssjourneys.blob.core.windows.net")]
    public async Task A_setting_without_a_key_names_the_account_and_every_request_asks_for_an_Entra_ID_token(string setting)
    {
        var credential = new RefusingCredential();

        var clients = StorageClients.From(setting, credential);

        Assert.False(clients.UsesSharedKey);
        Assert.Equal("https://sssjourneys.table.core.windows.net/", clients.Tables.Uri.AbsoluteUri);
        Assert.Equal("https://sssjourneys.queue.core.windows.net/", clients.Queues.Uri.AbsoluteUri);
        await Assert.ThrowsAnyAsync<Exception>(() => clients.Tables.GetTableClient("journeys").CreateIfNotExistsAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => clients.Queues.GetQueueClient("reminders").CreateIfNotExistsAsync());
        Assert.Equal(["https://storage.azure.com/.default", "https://storage.azure.com/.default"], credential.Scopes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DefaultEndpointsProtocol=https;EndpointSuffix=core.windows.net")]
    [InlineData("https://example.org")]
    [InlineData("AccountName=sssjourneys;TableEndpoint=not a uri")]
    public void A_setting_that_names_no_account_is_refused_at_start(string setting) =>
        Assert.Throws<FormatException>(() => StorageClients.From(setting, new RefusingCredential()));

    [Fact]
    public async Task Queue_messages_are_base64_on_the_wire_as_the_Functions_queue_trigger_reads_them()
    {
        var name = AzuriteFixture.UniqueQueueName("encoding");
        var queue = StorageClients.From(azurite.ConnectionString).Queues.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        const string text = """{"idempotencyKey":"J-X777519-S1/com-allocation/overdue"}""";

        await queue.SendMessageAsync(text);

        var raw = new QueueClient(azurite.ConnectionString, name); // no decoding: the text as stored
        var stored = Assert.Single((await raw.PeekMessagesAsync(1)).Value).Body.ToString();
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(stored)));
        Assert.Equal(text, Assert.Single((await queue.PeekMessagesAsync(1)).Value).Body.ToString());
    }

    /// <summary>Records the scopes it is asked for and gives no token: no request leaves the machine.</summary>
    private sealed class RefusingCredential : TokenCredential
    {
        private readonly List<string> _scopes = [];

        public IReadOnlyList<string> Scopes { get { lock (_scopes) return _scopes.ToList(); } }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw Refuse(requestContext);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw Refuse(requestContext);

        private InvalidOperationException Refuse(TokenRequestContext context)
        {
            lock (_scopes) _scopes.AddRange(context.Scopes);
            return new InvalidOperationException("no token in tests");
        }
    }
}
