using System.Net;
using System.Net.Sockets;

namespace ShortSentences.DurableHost.Local;

/// <summary>Ports on 127.0.0.1 for the local services the app, the benchmarks and the tests start (Azurite).</summary>
public static class Loopback
{
    /// <summary>Ports free at this moment, found by binding port 0; another process may take one before it is used.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally { listeners.ForEach(l => l.Stop()); }
    }

    /// <summary>Whether something accepts a TCP connection on the port within 2 seconds.</summary>
    public static async Task<bool> Answers(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException) { return false; }
    }
}
