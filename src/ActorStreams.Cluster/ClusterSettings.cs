using ActorStreams.Hocon;

namespace ActorStreams.Cluster;

/// <summary>Settings of the <c>actorstreams.cluster</c> section.</summary>
public sealed record ClusterSettings
{
    /// <summary>The HOCON section.</summary>
    public const string Section = "actorstreams.cluster";

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

    /// <summary>Reads and validates the section (missing keys take the defaults); errors name the key.</summary>
    /// <exception cref="ConfigException">A value is missing its type or out of range.</exception>
    public static ClusterSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(Section))
        {
            return Default;
        }

        var c = config.GetConfig(Section);
        var d = Default;
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
        return settings;
    }

    /// <summary>The node id to use: <see cref="NodeId"/>, or <c>host-pid</c> when it is empty.</summary>
    public string EffectiveNodeId() =>
        NodeId.Length > 0 ? NodeId : $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}";

    private static void Require(bool condition, string key, string rule, object value) =>
        ConfigBadValueException.ThrowUnless(condition, $"{Section}.{key}", rule, value);
}
