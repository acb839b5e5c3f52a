using Azure.Core;
using Azure.Identity;
using Xunit;

namespace ShortSentences.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public void UseDevelopmentStorage_means_the_Azurite_account_on_its_default_ports_with_path_style_endpoints()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", account.Name);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueEndpoint);
        Assert.True(account.UsesSharedKey);
    }

    [Fact]
    public void An_account_key_connection_string_gives_the_public_endpoints_for_its_suffix()
    {
        var account = StorageAccount.Parse("DefaultEndpointsProtocol=https;AccountName=ssjprod;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://ssjprod.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://ssjprod.queue.core.windows.net"), account.QueueEndpoint);
        Assert.True(account.UsesSharedKey);
    }

    [Fact]
    public void Explicit_table_and_queue_endpoints_win_over_the_defaults_and_lose_a_trailing_slash()
    {
        var account = StorageAccount.Parse(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0;" +
            "TableEndpoint=http://127.0.0.1:40002/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:40001/devstoreaccount1;BlobEndpoint=http://x/");
        Assert.Equal("http://127.0.0.1:40002/devstoreaccount1", account.TableEndpoint.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:40001/devstoreaccount1", account.QueueEndpoint.AbsoluteUri);
    }

    [Fact]
    public void Without_an_account_key_a_token_credential_is_used_for_Entra_ID()
    {
        TokenCredential credential = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        var account = StorageAccount.Parse("AccountName=ssjprod;EndpointSuffix=core.windows.net", credential);
        Assert.False(account.UsesSharedKey);
        Assert.Same(credential, account.TokenCredential);
        Assert.Equal(new Uri("https://ssjprod.table.core.windows.net"), account.TableEndpoint);

        var direct = StorageAccount.WithTokenCredential("ssjprod", credential);
        Assert.Equal(new Uri("https://ssjprod.queue.core.windows.net"), direct.QueueEndpoint);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    [InlineData("AccountKey=c2VjcmV0", "no AccountName")]
    [InlineData("AccountName=Bad_Name;AccountKey=c2VjcmV0", "account name")]
    [InlineData("AccountName=ok;AccountKey=not base64!", "base64")]
    [InlineData("AccountName=ok", "no AccountKey")]
    [InlineData("AccountName=ok;AccountKey=c2VjcmV0;DefaultEndpointsProtocol=ftp", "http or https")]
    [InlineData("AccountName=ok;AccountKey=c2VjcmV0;TableEndpoint=not a uri", "TableEndpoint")]
    [InlineData("AccountName=ok;SharedAccessSignature=sv=2021", "not supported")]
    [InlineData("AccountName=ok;=broken", "malformed")]
    public void A_bad_connection_string_is_refused_with_a_message_naming_the_problem(string connectionString, string expected)
    {
        var e = Assert.Throws<FormatException>(() => StorageAccount.Parse(connectionString));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_account_key_never_appears_in_its_description()
    {
        var account = StorageAccount.Parse("AccountName=ok;AccountKey=c2VjcmV0");
        Assert.DoesNotContain("c2VjcmV0", account.ToString());
    }
}
