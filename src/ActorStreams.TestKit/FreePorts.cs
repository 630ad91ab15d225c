using System.Net;
using System.Net.Sockets;

namespace ActorStreams.TestKit;

/// <summary>Loopback TCP ports nothing listens on, for servers a test starts or addresses it must know in advance.</summary>
public static class FreePorts
{
    /// <summary>
    /// A port the operating system had free a moment ago (bound to port 0, then released). Another process may take it
    /// before the caller binds it; callers that can bind port 0 themselves should.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
