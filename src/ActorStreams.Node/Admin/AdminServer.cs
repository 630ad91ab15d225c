using OpenTelemetry.Metrics;
using ActorStreams.Node.Dashboard;
using ActorStreams.Node.Internal;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorStreams.Node.Admin;

/// <summary>
/// The node's admin API on Kestrel (docs/admin-api.md), bound to <c>actorstreams.http.bind:port</c>. A bare host: no
/// configuration sources, no console lifetime (the node's host handles signals), logs through the node's logger
/// factory at warning level.
/// </summary>
internal sealed class AdminServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly AdminClient _client;
    private readonly CancellationTokenSource _stopping;
    private readonly TimeProvider _time;
    private readonly IDisposable[] _telemetry;
    private readonly DashboardFeed? _dashboard;
    private int _stopped;

    private AdminServer(WebApplication app, AdminClient client, CancellationTokenSource stopping, TimeProvider time, string address, IDisposable[] telemetry, DashboardFeed? dashboard)
    {
        _app = app;
        _dashboard = dashboard;
        _telemetry = telemetry;
        _time = time;
        _client = client;
        _stopping = stopping;
        Address = address;
    }

    /// <summary>The address other nodes and clients use, <c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>Binds and starts the server.</summary>
    /// <exception cref="ActorStreamsException">The address cannot be bound (e.g. the port is in use).</exception>
    public static async Task<AdminServer> StartAsync(ActorStreamsNode node, CancellationToken cancellationToken)
    {
        var settings = node.Settings;
        var bind = ParseBind(settings.HttpBind);
        var builder = BareHost.Create(typeof(AdminServer), bind, settings.HttpPort, node.LoggerFactory);

        // GET /metrics: the node's own instruments (NodeInstruments) and the runtime's (GC, memory, threads), in the
        // Prometheus text format written by OpenTelemetry's exporter. Every scrape observes the counters anew (no
        // cached answer, which the exporter keeps 300 ms by default): /metrics agrees with the rest of the admin API at
        // any moment, and a scrape costs little.
        var instruments = new NodeInstruments(node);
        var meters = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(instruments.MeterName, "System.Runtime")
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0)
            .Build();
        var app = builder.Build();
        var client = new AdminClient(node.Time);
        var stopping = new CancellationTokenSource();
        var dashboard = settings.DashboardEnabled ? new DashboardFeed(node) : null;
        if (dashboard is not null)
        {
            new DashboardEndpoints(dashboard, stopping.Token).Map(app);
        }

        new AdminEndpoints(node, client, stopping.Token).Map(app);
        app.MapPrometheusScrapingEndpoint("/metrics", meters, configureBranchedPipeline: null, optionsName: null);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            client.Dispose();
            stopping.Dispose();
            meters.Dispose();
            instruments.Dispose();
            if (dashboard is not null)
            {
                await dashboard.DisposeAsync().ConfigureAwait(false);
            }

            throw new ActorStreamsException(
                $"the admin API cannot listen on {settings.HttpBind}:{settings.HttpPort} ({ex.Message}); set another port with --http-port or actorstreams.http.port (0 picks a free one)",
                ex);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).First();
        return new AdminServer(app, client, stopping, node.Time, Advertised(bind, bound.Port), [meters, instruments], dashboard);
    }

    /// <summary>Ends the event streams, then stops the server (open requests get a few seconds).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(StopTimeout, _time);
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _client.Dispose();
            _stopping.Dispose();
            foreach (var telemetry in _telemetry)
            {
                telemetry.Dispose();
            }

            if (_dashboard is not null)
            {
                await _dashboard.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>The address to listen on: an IP address, or <c>localhost</c> (the IPv4 loopback).</summary>
    /// <exception cref="FormatException">Neither.</exception>
    internal static IPAddress ParseBind(string bind) =>
        string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(bind, out var address) ? address
        : throw new FormatException($"\"{bind}\" is not an IP address or localhost");

    /// <summary>What other nodes dial: the bound address, or this host's name when bound to every interface.</summary>
    private static string Advertised(IPAddress bind, int port)
    {
        if (bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any))
        {
            return $"{Dns.GetHostName()}:{port}";
        }

        return bind.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bind}]:{port}" : $"{bind}:{port}";
    }
}
