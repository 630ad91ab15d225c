namespace ActorStreams.Cli.Inspection;

/// <summary>What <c>cmd</c> talks to and reads the time from; tests replace the network with canned answers.</summary>
internal sealed record InspectionServices
{
    public static InspectionServices Default { get; } = new();

    /// <summary>A client of the node at an address, with the request timeout.</summary>
    public Func<NodeAddress, TimeSpan, IAdminApi> Connect { get; init; } = static (address, timeout) => new HttpAdminApi(address, timeout);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The node asked without --node when the configuration names none (this host, the default port).</summary>
    public NodeAddress DefaultNode { get; init; } = NodeAddress.Local;

    /// <summary>
    /// How long <c>cluster tail</c> waits without an event or a keep-alive (sent every 15 s) before it decides the
    /// node vanished without closing the connection.
    /// </summary>
    public TimeSpan EventStreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(45);
}
