using ShortSentences.Storage.Queues;
using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>Azurite checks every Shared Key signature: a wrong key is refused by both services with a typed 403.</summary>
public sealed class AuthenticationContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private StorageAccount WithWrongKey() => StorageAccount.WithSharedKey(
        StorageAccount.DevelopmentAccountName, Convert.ToBase64String(new byte[64]), azurite.Account.TableEndpoint, azurite.Account.QueueEndpoint);

    [Fact]
    public async Task A_table_request_signed_with_the_wrong_key_is_refused_with_403()
    {
        var table = await azurite.NewTableAsync("auth");
        var intruder = new TableServiceClient(WithWrongKey()).GetTableClient(table.Name);
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => intruder.InsertAsync(new TableEntity("p", "r")));
        Assert.Equal(403, e.Status);
        Assert.Equal("AuthorizationFailure", e.ErrorCode);
        Assert.Empty((await table.QueryAsync()).Entities);
    }

    [Fact]
    public async Task A_queue_request_signed_with_the_wrong_key_is_refused_with_403()
    {
        var queue = await azurite.NewQueueAsync("auth");
        var intruder = new QueueServiceClient(WithWrongKey()).GetQueueClient(queue.Name);
        var e = await Assert.ThrowsAsync<StorageRequestException>(() => intruder.SendAsync("forged"));
        Assert.Equal(403, e.Status);
        Assert.Equal("AuthenticationFailed", e.ErrorCode); // Azurite's table service says AuthorizationFailure for the same fault
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task The_clients_also_work_from_the_connection_string_alone()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName("cs"));
        await table.CreateIfNotExistsAsync();
        await table.InsertAsync(new TableEntity("p", "r"));
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(AzuriteFixture.UniqueQueueName("cs"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("hello");
        Assert.Single(await queue.PeekAsync());
    }
}
