using ActorStreams.Hocon;

namespace ActorStreams.Cluster;

/// <summary>Settings of the <c>actorstreams.cluster</c> section.</summary>
public sealed record ClusterSettings
{
    /// <summary>The HOCON section.</summary>
    public const string Section = "actorstreams.cluster";

    /// <summary>The seed nodes' key, which must stay empty with cluster bootstrap.</summary>
    private const string SeedNodesKey = "akka.cluster.seed-nodes";

    /// <summary>The defaults (equal to reference.conf).</summary>
    public static ClusterSettings Default { get; } = new();

    /// <summary><c>group-id</c>: the Kafka consumer group offsets are committed under (lag tooling).</summary>
    public string GroupId { get; init; } = "actorstreams";

    /// <summary><c>node-id</c>: this node's id; empty means <c>host-pid</c>.</summary>
    public string NodeId { get; init; } = string.Empty;

    /// <summary><c>checkpoint-interval</c>: how often a shard checkpoints.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>checkpoint-budget</c>: the share of the node's time checkpoints (store writes, state captures) may take before intervals stretch.</summary>
    public double CheckpointBudget { get; init; } = 0.05;

    /// <summary><c>checkpoint-max-interval</c>: the longest a stretched checkpoint interval gets.</summary>
    public TimeSpan CheckpointMaxInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>checkpoint-max-events</c>: records after which a shard checkpoints early.</summary>
    public int CheckpointMaxEvents { get; init; } = 50_000;

    /// <summary><c>handoff-timeout</c>: how long a handoff waits for a partition's final checkpoint.</summary>
    public TimeSpan HandoffTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>owner-query-timeout</c>: how long a consumer waits for the node that wrote its ledger last to say whether it still runs the partition.</summary>
    public TimeSpan OwnerQueryTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary><c>passivation.idle-timeout</c>: idle time after which an entity is passivated.</summary>
    public TimeSpan PassivationIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary><c>passivation.max-active-entities</c>: entities kept in memory by the node.</summary>
    public int MaxActiveEntities { get; init; } = 2_000_000;

    /// <summary><c>keep-alive-interval</c>: how often every node asks each partition's consumer to run (StartEntity).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>discovery</c>: how the node finds the cluster (seed nodes, or cluster bootstrap with a discovery method).</summary>
    public ClusterDiscovery Discovery { get; init; } = ClusterDiscovery.SeedNodes;

    /// <summary><c>bootstrap</c>: the cluster bootstrap's settings, used when <see cref="Discovery"/> is not <see cref="ClusterDiscovery.SeedNodes"/>.</summary>
    public ClusterBootstrapSettings Bootstrap { get; init; } = new();

    /// <summary>Reads and validates the section (missing keys take the defaults); errors name the key.</summary>
    /// <exception cref="ConfigException">
    /// A value is missing its type or out of range, or cluster bootstrap is chosen while <c>akka.cluster.seed-nodes</c> lists seed nodes.
    /// </exception>
    public static ClusterSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(Section))
        {
            return Default;
        }

        var c = config.GetConfig(Section);
        var d = Default;
        var discoveryName = c.GetString("discovery", "seed-nodes");
        var discovery = discoveryName switch
        {
            "seed-nodes" => ClusterDiscovery.SeedNodes,
            "kubernetes-api" => ClusterDiscovery.KubernetesApi,
            "config" => ClusterDiscovery.Config,
            _ => throw new ConfigBadValueException($"{Section}.discovery", $"{Section}.discovery must be seed-nodes, kubernetes-api or config, got \"{discoveryName}\"", null),
        };
        var settings = new ClusterSettings
        {
            GroupId = c.GetString("group-id", d.GroupId),
            NodeId = c.GetString("node-id", d.NodeId),
            CheckpointInterval = c.GetTimeSpan("checkpoint-interval", d.CheckpointInterval),
            CheckpointMaxEvents = c.GetInt("checkpoint-max-events", d.CheckpointMaxEvents),
            CheckpointBudget = c.GetDouble("checkpoint-budget", d.CheckpointBudget),
            CheckpointMaxInterval = c.GetTimeSpan("checkpoint-max-interval", d.CheckpointMaxInterval),
            HandoffTimeout = c.GetTimeSpan("handoff-timeout", d.HandoffTimeout),
            OwnerQueryTimeout = c.GetTimeSpan("owner-query-timeout", d.OwnerQueryTimeout),
            PassivationIdleTimeout = c.GetTimeSpan("passivation.idle-timeout", d.PassivationIdleTimeout),
            MaxActiveEntities = c.GetInt("passivation.max-active-entities", d.MaxActiveEntities),
            KeepAliveInterval = c.GetTimeSpan("keep-alive-interval", d.KeepAliveInterval),
            Discovery = discovery,
            Bootstrap = ReadBootstrap(c, discovery),
        };
        Require(!string.IsNullOrWhiteSpace(settings.GroupId), "group-id", "must not be empty", settings.GroupId);
        Require(settings.NodeId.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'), "node-id", "may contain only letters, digits, '-', '_' and '.'", settings.NodeId);
        Require(settings.CheckpointInterval > TimeSpan.Zero, "checkpoint-interval", "must be a positive duration", settings.CheckpointInterval);
        Require(settings.CheckpointBudget is > 0 and <= 1, "checkpoint-budget", "must be a fraction in (0, 1]", settings.CheckpointBudget);
        Require(settings.CheckpointMaxInterval >= settings.CheckpointInterval, "checkpoint-max-interval", "must be at least checkpoint-interval", settings.CheckpointMaxInterval);
        Require(settings.CheckpointMaxEvents > 0, "checkpoint-max-events", "must be a positive integer", settings.CheckpointMaxEvents);
        Require(settings.HandoffTimeout > TimeSpan.Zero, "handoff-timeout", "must be a positive duration", settings.HandoffTimeout);
        Require(settings.OwnerQueryTimeout > TimeSpan.Zero, "owner-query-timeout", "must be a positive duration", settings.OwnerQueryTimeout);
        Require(settings.PassivationIdleTimeout > TimeSpan.Zero, "passivation.idle-timeout", "must be a positive duration", settings.PassivationIdleTimeout);
        Require(settings.MaxActiveEntities > 0, "passivation.max-active-entities", "must be a positive integer", settings.MaxActiveEntities);
        Require(settings.KeepAliveInterval > TimeSpan.Zero, "keep-alive-interval", "must be a positive duration", settings.KeepAliveInterval);
        if (discovery != ClusterDiscovery.SeedNodes && config.HasPath(SeedNodesKey) && config.GetStringList(SeedNodesKey).Count > 0)
        {
            throw new ConfigBadValueException(
                $"{Section}.discovery",
                $"{Section}.discovery is {discoveryName}, so the cluster forms through cluster bootstrap and {SeedNodesKey} must be empty (no --seed), got [{string.Join(", ", config.GetStringList(SeedNodesKey))}]; "
                + "use discovery = seed-nodes to join seed nodes",
                null);
        }

        return settings;
    }

    private static ClusterBootstrapSettings ReadBootstrap(Config c, ClusterDiscovery discovery)
    {
        var d = new ClusterBootstrapSettings();
        var b = new ClusterBootstrapSettings
        {
            ServiceName = c.GetString("bootstrap.service-name", d.ServiceName),
            RequiredContactPoints = c.GetInt("bootstrap.required-contact-points", d.RequiredContactPoints),
            StableMargin = c.GetTimeSpan("bootstrap.stable-margin", d.StableMargin),
            ManagementPort = c.GetInt("bootstrap.management-port", d.ManagementPort),
            ManagementBind = c.GetString("bootstrap.management-bind", d.ManagementBind),
            PortName = c.GetString("bootstrap.port-name", d.PortName),
            LabelSelector = c.GetString("bootstrap.label-selector", d.LabelSelector),
            PodNamespace = c.GetString("bootstrap.pod-namespace", d.PodNamespace),
            Endpoints = c.HasPath("bootstrap.endpoints") ? c.GetStringList("bootstrap.endpoints") : d.Endpoints,
        };
        Require(IsName(b.ServiceName), "bootstrap.service-name", "must be a DNS label: lower-case letters, digits and '-'", b.ServiceName);
        Require(b.RequiredContactPoints > 0, "bootstrap.required-contact-points", "must be a positive integer", b.RequiredContactPoints);
        Require(b.StableMargin >= TimeSpan.Zero, "bootstrap.stable-margin", "must be a duration of at least 0s", b.StableMargin);
        Require(b.ManagementPort is > 0 and <= 65535, "bootstrap.management-port", "must be a port between 1 and 65535", b.ManagementPort);
        Require(b.ManagementBind.Length > 0, "bootstrap.management-bind", "must not be empty", b.ManagementBind);
        if (discovery == ClusterDiscovery.KubernetesApi)
        {
            Require(IsName(b.PortName), "bootstrap.port-name", "must name the pod's management container port (lower-case letters, digits and '-')", b.PortName);
            Require(b.LabelSelector.Length > 0 && b.LabelSelector.IndexOfAny(['{', '}']) < 0, "bootstrap.label-selector", "must be a label selector such as app.kubernetes.io/name=actorstreams (no braces)", b.LabelSelector);
        }

        if (discovery == ClusterDiscovery.Config)
        {
            Require(b.Endpoints.Count > 0, "bootstrap.endpoints", "must list host:port of every node's management endpoint when discovery = config", "[]");
            foreach (var endpoint in b.Endpoints)
            {
                var colon = endpoint.LastIndexOf(':');
                Require(colon > 0 && int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535,
                    "bootstrap.endpoints", "must hold host:port entries", endpoint);
            }
        }

        return b;

        static bool IsName(string name) => name.Length is > 0 and <= 63 && name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-');
    }

    /// <summary>The node id to use: <see cref="NodeId"/>, or <c>host-pid</c> when it is empty.</summary>
    public string EffectiveNodeId() =>
        NodeId.Length > 0 ? NodeId : $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}";

    private static void Require(bool condition, string key, string rule, object value) =>
        ConfigBadValueException.ThrowUnless(condition, $"{Section}.{key}", rule, value);
}
