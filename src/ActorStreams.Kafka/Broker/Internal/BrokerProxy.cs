using System.Net;
using System.Net.Sockets;

namespace ActorStreams.Kafka.Broker.Internal;

/// <summary>
/// A TCP relay in front of one mock broker, so that the dev broker can take a broker "down" (every connection
/// closed, new ones closed at once) and "up" again without touching the mock's own listener: librdkafka 2.16 re-binds
/// that listener while client connections are still open and aborts the process when the bind fails.
/// </summary>
internal sealed class BrokerProxy : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Connection> _connections = [];
    private volatile bool _down;

    public BrokerProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptLoopAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Closes every relayed connection and refuses new ones until <see cref="Up"/>.</summary>
    public void Down()
    {
        _down = true;
        List<Connection> open;
        lock (_gate)
        {
            open = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            connection.Dispose();
        }
    }

    /// <summary>Relays new connections again.</summary>
    public void Up() => _down = false;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        Down();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_down)
            {
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var connection = new Connection(client, server);
        lock (_gate)
        {
            _connections.Add(connection);
        }

        try
        {
            await server.ConnectAsync(_target, connection.Token).ConfigureAwait(false);
            using var fromClient = new NetworkStream(client, ownsSocket: false);
            using var fromServer = new NetworkStream(server, ownsSocket: false);
            await Task.WhenAny(
                fromClient.CopyToAsync(fromServer, connection.Token),
                fromServer.CopyToAsync(fromClient, connection.Token)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // A closed side ends the relay; both sides are closed below.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            connection.Dispose();
        }
    }

    /// <summary>One relayed connection: both sockets and the token that ends its copy loops.</summary>
    private sealed class Connection(Socket client, Socket server) : IDisposable
    {
        private readonly CancellationTokenSource _cancel = new();
        private int _disposed;

        public CancellationToken Token => _cancel.Token;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _cancel.Cancel();
            client.Dispose();
            server.Dispose();
        }
    }
}
