using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ActorStreams.TestKit;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// TCP proxies in front of the Akka remoting port of each node process, to cut the network between nodes and restore
/// it (issue 13's network partition). A node binds its remoting to <see cref="BindPort"/> and advertises
/// <see cref="PublicPort"/> (<c>akka.remote.dot-netty.tcp.public-port</c>), where its proxy listens, so every connection
/// another node opens to it passes the proxy. An Akka association's first frame is the initiator's handshake, which
/// names its address: the proxy reads it to know which link a connection belongs to, forwards it and then copies bytes
/// both ways. A cut link's connections are closed, and new ones are closed right after their handshake.
/// </summary>
internal sealed class RemotingProxies : IAsyncDisposable
{
    private readonly Dictionary<string, Node> _nodes;
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly ConcurrentDictionary<(string From, string To), byte> _cut = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<string> _log;
    private readonly List<Task> _loops = [];
    private long _refused;

    private RemotingProxies(Dictionary<string, Node> nodes, Action<string> log)
    {
        _nodes = nodes;
        _log = log;
    }

    /// <summary>Connections closed because their link was cut (at the cut, or refused after their handshake).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Starts one proxy per node name.</summary>
    public static RemotingProxies Start(IEnumerable<string> nodeIds, Action<string> log)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var id in nodeIds)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            nodes[id] = new Node(id, listener, ((IPEndPoint)listener.LocalEndpoint).Port, FreePorts.Next());
        }

        var proxies = new RemotingProxies(nodes, log);
        foreach (var node in nodes.Values)
        {
            proxies._loops.Add(Task.Run(() => proxies.AcceptAsync(node)));
            log($"proxy: {node.Id} remoting binds 127.0.0.1:{node.BindPort}, reached through 127.0.0.1:{node.PublicPort}");
        }

        return proxies;
    }

    /// <summary>The port the node's proxy listens on, which the node advertises.</summary>
    public int PublicPort(string nodeId) => _nodes[nodeId].PublicPort;

    /// <summary>The port the node binds its remoting to.</summary>
    public int BindPort(string nodeId) => _nodes[nodeId].BindPort;

    /// <summary>The setting that makes a node advertise its proxy's port (its <c>--port</c> is <see cref="BindPort"/>).</summary>
    public (string Key, string Value) PublicPortSetting(string nodeId) =>
        ("akka.remote.dot-netty.tcp.public-port", PublicPort(nodeId).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Cuts every link between <paramref name="nodeId"/> and the other nodes, both ways, closing their connections.</summary>
    public void Isolate(string nodeId)
    {
        foreach (var other in _nodes.Keys.Where(k => k != nodeId))
        {
            _cut[(nodeId, other)] = 0;
            _cut[(other, nodeId)] = 0;
        }

        foreach (var connection in _connections.Keys.Where(c => IsCut(c.From, c.To)))
        {
            Interlocked.Increment(ref _refused);
            connection.Close();
        }

        _log($"proxy: {nodeId} cut off from {string.Join(", ", _nodes.Keys.Where(k => k != nodeId))}");
    }

    /// <summary>Restores every link.</summary>
    public void Restore()
    {
        _cut.Clear();
        _log("proxy: every link restored");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var node in _nodes.Values)
        {
            node.Listener.Stop();
        }

        foreach (var connection in _connections.Keys)
        {
            connection.Close();
        }

        await Task.WhenAll(_loops).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private bool IsCut(string from, string to) => _cut.ContainsKey((from, to));

    private async Task AcceptAsync(Node target)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await target.Listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(client, target));
        }
    }

    private async Task ForwardAsync(TcpClient inbound, Node target)
    {
        using var client = inbound;
        TcpClient? outbound = null;
        try
        {
            var inStream = inbound.GetStream();

            // Akka.NET's frames: a 4-byte little-endian length, then the protobuf PDU; the first is the Associate.
            var header = new byte[4];
            await inStream.ReadExactlyAsync(header, _stop.Token);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length is <= 0 or > 1 << 20)
            {
                return;
            }

            var frame = new byte[length];
            await inStream.ReadExactlyAsync(frame, _stop.Token);
            var ports = _nodes.Values.ToDictionary(n => n.PublicPort, n => n.Id);
            var from = OriginPort(frame, ports.Keys.ToHashSet(), 0) is { } port ? ports[port] : "?";
            if (IsCut(from, target.Id))
            {
                Interlocked.Increment(ref _refused);
                return;
            }

            outbound = new TcpClient();
            await outbound.ConnectAsync(IPAddress.Loopback, target.BindPort, _stop.Token);
            var outStream = outbound.GetStream();
            await outStream.WriteAsync(header, _stop.Token);
            await outStream.WriteAsync(frame, _stop.Token);
            var connection = new Connection(from, target.Id, inbound, outbound);
            _connections[connection] = 0;
            try
            {
                // Cut between the handshake read and the registration: close it like the others.
                if (IsCut(from, target.Id))
                {
                    Interlocked.Increment(ref _refused);
                    return;
                }

                var up = inStream.CopyToAsync(outStream, _stop.Token);
                var down = outStream.CopyToAsync(inStream, _stop.Token);
                await Task.WhenAny(up, down);
            }
            finally
            {
                _connections.TryRemove(connection, out byte _);
                connection.Close();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // A side closed (or the proxy was cut or stopped): the connection ends.
        }
        finally
        {
            outbound?.Dispose();
        }
    }

    /// <summary>
    /// The port of the Akka address the handshake names as its origin: the protobuf message (at any depth) that has a
    /// string field 2 (host) and a varint field 3 (port) that is one of <paramref name="ports"/>. Null when the frame
    /// holds none or is not protobuf.
    /// </summary>
    private static int? OriginPort(ReadOnlySpan<byte> message, HashSet<int> ports, int depth)
    {
        var position = 0;
        int? port = null;
        var host = false;
        while (position < message.Length)
        {
            if (!TryVarint(message, ref position, out var key))
            {
                return null;
            }

            var field = key >> 3;
            switch (key & 7)
            {
                case 0:
                    if (!TryVarint(message, ref position, out var value))
                    {
                        return null;
                    }

                    if (field == 3 && value <= int.MaxValue && ports.Contains((int)value))
                    {
                        port = (int)value;
                    }

                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    if (!TryVarint(message, ref position, out var length) || length > (ulong)(message.Length - position))
                    {
                        return null;
                    }

                    var inner = message.Slice(position, (int)length);
                    position += (int)length;
                    host |= field == 2;
                    if (depth < 6 && OriginPort(inner, ports, depth + 1) is { } found)
                    {
                        return found;
                    }

                    break;
                default:
                    return null;
            }
        }

        return position == message.Length && host && port is not null ? port : null;
    }

    private static bool TryVarint(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < bytes.Length; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Node(string Id, TcpListener Listener, int PublicPort, int BindPort);

    private sealed class Connection(string from, string to, TcpClient inbound, TcpClient outbound)
    {
        public string From { get; } = from;

        public string To { get; } = to;

        public void Close()
        {
            inbound.Close();
            outbound.Close();
        }
    }
}
