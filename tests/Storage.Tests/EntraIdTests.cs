using Azure.Identity;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>Entra ID is for Azure (https); there is no Entra ID here, so what can be checked is that a token is never sent in clear.</summary>
public sealed class EntraIdTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_token_credential_account_refuses_to_send_its_bearer_token_over_plain_http()
    {
        var account = StorageAccount.WithTokenCredential(StorageAccount.DevelopmentAccountName,
            new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned), azurite.Account.TableEndpoint, azurite.Account.QueueEndpoint);
        var table = new TableServiceClient(account).GetTableClient(AzuriteFixture.UniqueTableName("token"));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => table.CreateIfNotExistsAsync());
        Assert.Contains("https", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
