using System.Collections.Immutable;
using System.Net;
using ActorStreams.Cluster;
using ActorStreams.Node.Admin;
using Akka.Actor;
using Akka.Cluster;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Akka.Management.Dsl;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace ActorStreams.Node.Internal;

/// <summary>
/// The node's cluster-bootstrap contact point: <c>GET /bootstrap/seed-nodes</c> on <c>actorstreams.cluster.bootstrap.management-port</c>,
/// answered with Akka.Management's own JSON protocol (<see cref="HttpBootstrapJsonProtocol"/>), which the other nodes'
/// ClusterBootstrap probes. Served by Kestrel rather than Akka.Management's HTTP server: that one runs on Akka.Http.Shim
/// over Ceen.Httpd, and the Ceen.Httpd served to this build (0.9.10, Akka.Http.Shim 1.5.73 asks for 0.9.9) lacks the
/// method the shim calls (MissingMethodException at bind). ClusterBootstrap itself (discovery, probing, the join decision)
/// is Akka.Management's, unchanged.
/// </summary>
internal sealed class ManagementEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementEndpoint(WebApplication app, Uri selfUri)
    {
        _app = app;
        SelfUri = selfUri;
    }

    /// <summary>The contact point's address as the other nodes reach it (the advertised hostname and the management port).</summary>
    public Uri SelfUri { get; }

    /// <summary>Starts the endpoint and tells ClusterBootstrap its own contact point.</summary>
    /// <exception cref="IOException">The management port is in use.</exception>
    public static async Task<ManagementEndpoint> StartAsync(ActorSystem system, ClusterBootstrapSettings settings, string advertisedHostname, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = BareHost.Create(typeof(ManagementEndpoint), IPAddress.Parse(settings.ManagementBind), settings.ManagementPort, loggerFactory);
        var app = builder.Build();
        var bootstrap = Akka.Management.Cluster.Bootstrap.ClusterBootstrap.Get(system);
        var maxSeedNodes = system.Settings.Config.GetInt("akka.management.cluster.bootstrap.contact-point.max-seed-nodes-to-expose", 5);
        app.MapGet("/bootstrap/seed-nodes", (HttpContext context) => Results.Text(SeedNodesJson(system, maxSeedNodes), "application/json"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var self = new Uri($"http://{advertisedHostname}:{settings.ManagementPort}/");
        _ = bootstrap.Routes(ManagementRouteProviderSettings.Create(self, readOnly: true));
        return new ManagementEndpoint(app, self);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>This member and the reachable members that are up or joining (none while this one leaves), as bootstrap expects them.</summary>
    private static string SeedNodesJson(ActorSystem system, int max)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var self = cluster.SelfMember;
        var members = self.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving or MemberStatus.Removed
            ? ImmutableList<HttpBootstrapJsonProtocol.ClusterMember>.Empty
            : [.. cluster.State.Members
                .Where(m => !cluster.State.Unreachable.Contains(m) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
                .Take(max)
                .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))];
        return JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(self.UniqueAddress.Address, members));
    }
}
