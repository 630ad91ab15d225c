using ActorStreams.Hocon;

namespace ActorStreams.Warehouse;

/// <summary>Settings of the <c>actorstreams.warehouse</c> section and the lake location it reads (reference.conf explains every key).</summary>
public sealed record WarehouseSettings
{
    /// <summary>The HOCON section.</summary>
    public const string Section = "actorstreams.warehouse";

    /// <summary>The key of the lake's location, shared with the lake sink.</summary>
    public const string LakeUriKey = "actorstreams.lake.uri";

    /// <summary>The defaults (equal to reference.conf).</summary>
    public static WarehouseSettings Default { get; } = new();

    /// <summary><c>path</c>: the DuckDB database file.</summary>
    public string Path { get; init; } = "data/warehouse.duckdb";

    /// <summary><c>max-amount</c>: the largest valid amount.</summary>
    public double MaxAmount { get; init; } = 1e12;

    /// <summary><c>actorstreams.lake.uri</c>: the lake, or empty when none is configured.</summary>
    public string LakeUri { get; init; } = string.Empty;

    /// <summary>The physical name of the transactions topic (<c>actorstreams.kafka.topics.transactions</c>), as dead letters name it.</summary>
    public string TransactionsTopic { get; init; } = "transactions";

    /// <summary>The physical name of the customer activity topic (<c>actorstreams.kafka.topics.customer-activity</c>).</summary>
    public string CustomerActivityTopic { get; init; } = "customer-activity";

    /// <summary>Reads and validates the section (missing keys take the defaults); errors name the key.</summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range.</exception>
    public static WarehouseSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = Default;
        var settings = new WarehouseSettings
        {
            Path = config.GetString($"{Section}.path", d.Path).Trim(),
            MaxAmount = config.GetDouble($"{Section}.max-amount", d.MaxAmount),
            LakeUri = config.GetString(LakeUriKey, d.LakeUri).Trim(),
            TransactionsTopic = config.GetString("actorstreams.kafka.topics.transactions", d.TransactionsTopic),
            CustomerActivityTopic = config.GetString("actorstreams.kafka.topics.customer-activity", d.CustomerActivityTopic),
        };
        ConfigBadValueException.ThrowUnless(settings.Path.Length > 0, $"{Section}.path", "must name the warehouse's database file", settings.Path);
        ConfigBadValueException.ThrowUnless(
            settings.MaxAmount > 0 && double.IsFinite(settings.MaxAmount), $"{Section}.max-amount", "must be a positive number", settings.MaxAmount);
        return settings;
    }
}
