using ShortSentences.Storage.Tables;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Storage.Tests;

/// <summary>The fixture the runtime's fault tests rely on: a private Azurite that can crash and come back with its data.</summary>
public sealed class AzuriteRestartTests
{
    [Fact]
    public async Task A_restarted_Azurite_answers_on_the_same_ports_with_the_same_data_and_requests_while_down_fail_as_unreachable()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var account = azurite.Account;
        var table = new TableServiceClient(account).GetTableClient("journeys");
        await table.CreateIfNotExistsAsync();
        await table.InsertAsync(new TableEntity("A123456", "state") { { "Step", 7 } });
        var queue = new Storage.Queues.QueueServiceClient(account).GetQueueClient("events");
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync("still here");
        var ports = (azurite.TablePort, azurite.QueuePort);

        await azurite.StopAsync();
        Assert.False(azurite.IsRunning);
        var down = await Assert.ThrowsAsync<StorageRequestException>(() => table.GetAsync("A123456", "state"));
        Assert.True(down.IsUnreachable);

        await azurite.StartAsync();
        Assert.Equal(ports, (azurite.TablePort, azurite.QueuePort));
        Assert.Equal(7, (await table.GetAsync("A123456", "state")).GetInt32("Step"));
        Assert.Equal("still here", Assert.Single(await queue.PeekAsync()).Text);
    }
}
