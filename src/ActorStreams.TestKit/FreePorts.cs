using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorStreams.TestKit;

/// <summary>Loopback TCP ports nothing listens on, for servers a test starts or addresses it must know in advance.</summary>
public static class FreePorts
{
    private const int Lowest = 10000;
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port that was free a moment ago, below the operating system's ephemeral range (so that no socket bound to port
    /// 0 and no outgoing connection is given it meanwhile: a port taken from the ephemeral range could be handed to the
    /// next node's remoting before the test binds it), and never the same twice in this process. Another process may
    /// still take it before the caller binds it; callers that can bind port 0 themselves should.
    /// </summary>
    public static int Next()
    {
        var below = EphemeralRangeStart();
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, below);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free TCP port found between {Lowest} and {below}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range (<c>ip_local_port_range</c>), 32768 where it cannot be read.</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var start = int.Parse(range[0], CultureInfo.InvariantCulture);
            return start > Lowest + 1000 ? start : 32768;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
