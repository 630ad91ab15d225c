using ActorStreams.Hocon;
using ActorStreams.Persistence;
using ActorStreams.Persistence.Ledger;

namespace ActorStreams.Node;

/// <summary>Settings of the <c>actorstreams.store</c>, <c>actorstreams.http</c>, <c>actorstreams.metrics</c> and <c>actorstreams.dashboard</c> sections.</summary>
public sealed record NodeSettings
{
    /// <summary>The defaults (equal to reference.conf).</summary>
    public static NodeSettings Default { get; } = new();

    /// <summary><c>store.uri</c>: where the partition ledgers live (docs/design.md §3).</summary>
    public string StoreUri { get; init; } = "sqlite:" + StateStoreUri.DefaultSqlitePath;

    /// <summary><c>store.snapshot-every</c> and <c>store.snapshot-size-factor</c>: how the ledgers snapshot; <c>store.retry-*</c>: how an unavailable store is probed.</summary>
    public LedgerSettings Ledger { get; init; } = LedgerSettings.Default;

    /// <summary><c>http.bind</c>: the admin API's address.</summary>
    public string HttpBind { get; init; } = "127.0.0.1";

    /// <summary><c>http.port</c>: the admin API's port (0 = any free port).</summary>
    public int HttpPort { get; init; } = 9110;

    /// <summary>
    /// <c>http.admin-token</c>: the bearer token mutating admin endpoints (<c>POST /api/cluster/leave</c>) require; empty
    /// means they are allowed only while the API listens on a loopback address.
    /// </summary>
    public string AdminToken { get; init; } = string.Empty;

    /// <summary>Whether <see cref="HttpBind"/> is a loopback address (only this host can reach the API).</summary>
    public bool BindsLoopback => HttpBind is "localhost" || (System.Net.IPAddress.TryParse(HttpBind, out var address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary><c>metrics.log-interval</c>: period of the counters log line (zero = off).</summary>
    public TimeSpan MetricsLogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>dashboard.enabled</c>: whether the admin API serves the live dashboard.</summary>
    public bool DashboardEnabled { get; init; } = true;

    /// <summary><c>dashboard.window</c>: the event time the dashboard's time series cover.</summary>
    public TimeSpan DashboardWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary><c>dashboard.max-records</c>: the most activities, customers and loan applications the dashboard keeps, each.</summary>
    public int DashboardMaxRecords { get; init; } = 1_000_000;

    /// <summary>Reads and validates the sections; errors name the HOCON key.</summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range.</exception>
    public static NodeSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = Default;
        var settings = new NodeSettings
        {
            StoreUri = config.GetString("actorstreams.store.uri", d.StoreUri),
            HttpBind = config.GetString("actorstreams.http.bind", d.HttpBind),
            HttpPort = config.GetInt("actorstreams.http.port", d.HttpPort),
            AdminToken = config.GetString("actorstreams.http.admin-token", d.AdminToken),
            MetricsLogInterval = config.GetTimeSpan("actorstreams.metrics.log-interval", d.MetricsLogInterval),
            DashboardEnabled = config.GetBoolean("actorstreams.dashboard.enabled", d.DashboardEnabled),
            DashboardWindow = config.GetTimeSpan("actorstreams.dashboard.window", d.DashboardWindow),
            DashboardMaxRecords = config.GetInt("actorstreams.dashboard.max-records", d.DashboardMaxRecords),
            Ledger = new LedgerSettings
            {
                SnapshotEvery = config.GetInt("actorstreams.store.snapshot-every", d.Ledger.SnapshotEvery),
                SnapshotSizeFactor = config.GetDouble("actorstreams.store.snapshot-size-factor", d.Ledger.SnapshotSizeFactor),
                RetryMinBackoff = config.GetTimeSpan("actorstreams.store.retry-min-backoff", d.Ledger.RetryMinBackoff),
                RetryMaxBackoff = config.GetTimeSpan("actorstreams.store.retry-max-backoff", d.Ledger.RetryMaxBackoff),
            },
        };
        if (settings.Ledger.SnapshotEvery < 1)
        {
            throw new ConfigBadValueException("actorstreams.store.snapshot-every", $"actorstreams.store.snapshot-every must be a positive integer, got {settings.Ledger.SnapshotEvery}", origin: null);
        }

        if (!(settings.Ledger.SnapshotSizeFactor > 0) || !double.IsFinite(settings.Ledger.SnapshotSizeFactor))
        {
            throw new ConfigBadValueException("actorstreams.store.snapshot-size-factor", $"actorstreams.store.snapshot-size-factor must be a positive number, got {settings.Ledger.SnapshotSizeFactor}", origin: null);
        }

        if (settings.Ledger.RetryMinBackoff <= TimeSpan.Zero)
        {
            throw new ConfigBadValueException("actorstreams.store.retry-min-backoff", $"actorstreams.store.retry-min-backoff must be a positive duration, got {settings.Ledger.RetryMinBackoff}", origin: null);
        }

        if (settings.Ledger.RetryMaxBackoff < settings.Ledger.RetryMinBackoff)
        {
            throw new ConfigBadValueException("actorstreams.store.retry-max-backoff", $"actorstreams.store.retry-max-backoff must be at least retry-min-backoff ({settings.Ledger.RetryMinBackoff}), got {settings.Ledger.RetryMaxBackoff}", origin: null);
        }

        if (settings.HttpPort is < 0 or > 65535)
        {
            throw new ConfigBadValueException("actorstreams.http.port", $"actorstreams.http.port must be between 0 and 65535, got {settings.HttpPort}", origin: null);
        }

        if (!IsBindAddress(settings.HttpBind))
        {
            throw new ConfigBadValueException("actorstreams.http.bind", $"actorstreams.http.bind must be an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, got \"{settings.HttpBind}\"", origin: null);
        }

        if (settings.MetricsLogInterval < TimeSpan.Zero)
        {
            throw new ConfigBadValueException("actorstreams.metrics.log-interval", $"actorstreams.metrics.log-interval must not be negative, got {settings.MetricsLogInterval}", origin: null);
        }

        if (settings.DashboardWindow < TimeSpan.FromMinutes(1))
        {
            throw new ConfigBadValueException("actorstreams.dashboard.window", $"actorstreams.dashboard.window must be at least 1m, got {settings.DashboardWindow}", origin: null);
        }

        if (settings.DashboardMaxRecords < 1)
        {
            throw new ConfigBadValueException("actorstreams.dashboard.max-records", $"actorstreams.dashboard.max-records must be a positive integer, got {settings.DashboardMaxRecords}", origin: null);
        }

        StoreFactory.Validate(settings.StoreUri);
        return settings;
    }

    private static bool IsBindAddress(string bind) =>
        string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase) || System.Net.IPAddress.TryParse(bind, out _);
}
