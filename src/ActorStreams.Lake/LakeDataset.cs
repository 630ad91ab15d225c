using System.Diagnostics.CodeAnalysis;
using ActorStreams.Lake.Internal;

namespace ActorStreams.Lake;

/// <summary>
/// One of the lake's eight datasets (docs/lake.md, Layout): its directory, the Avro schema of the topic its rows come
/// from, whether it is raw (flags duplicates) and where its event time comes from.
/// </summary>
public sealed class LakeDataset
{
    private readonly Lazy<LakeSchema> _schema;

    private LakeDataset(string name, string topic, bool isRaw, string? eventTimeColumn, LakeEventTimeSource eventTimeSource)
    {
        Name = name;
        Topic = topic;
        IsRaw = isRaw;
        EventTimeColumn = eventTimeColumn;
        EventTimeSource = eventTimeSource;
        _schema = new Lazy<LakeSchema>(() => LakeSchema.FromAvro(this, AvroSchemaJson));
    }

    /// <summary>Every valid record of <c>transactions</c> (raw).</summary>
    public static LakeDataset Transactions { get; } = new("transactions", "transactions", isRaw: true, "timestamp", LakeEventTimeSource.Column);

    /// <summary>Every valid record of <c>customer-activity</c> (raw; event time <c>timestamp</c>, else the Kafka timestamp).</summary>
    public static LakeDataset CustomerActivity { get; } =
        new("customer_activity", "customer-activity", isRaw: true, "timestamp", LakeEventTimeSource.ColumnElseRecordTimestamp);

    /// <summary>Every valid record of <c>customer-events</c> (raw): what <c>train churn --input &lt;lake&gt;</c> reads.</summary>
    public static LakeDataset CustomerEvents { get; } = new("customer_events", "customer-events", isRaw: true, "timestamp", LakeEventTimeSource.Column);

    /// <summary>Every record written to <c>fraud-alerts</c>.</summary>
    public static LakeDataset FraudAlerts { get; } = new("fraud_alerts", "fraud-alerts", isRaw: false, "event_time", LakeEventTimeSource.Column);

    /// <summary>Every record written to <c>churn-alerts</c>.</summary>
    public static LakeDataset ChurnAlerts { get; } = new("churn_alerts", "churn-alerts", isRaw: false, "event_time", LakeEventTimeSource.Column);

    /// <summary>Every record written to <c>enriched-activity</c>.</summary>
    public static LakeDataset EnrichedActivity { get; } =
        new("enriched_activity", "enriched-activity", isRaw: false, "event_time", LakeEventTimeSource.Column);

    /// <summary>Every record written to <c>merchant-metrics</c> (the merchant partitions' pipelines).</summary>
    public static LakeDataset MerchantMetrics { get; } =
        new("merchant_metrics", "merchant-metrics", isRaw: false, "window_start", LakeEventTimeSource.Column);

    /// <summary>Every record written to <c>dead-letter</c> (event time: the source record's Kafka timestamp).</summary>
    public static LakeDataset DeadLetters { get; } = new("dead_letters", "dead-letter", isRaw: false, eventTimeColumn: null, LakeEventTimeSource.RecordTimestamp);

    /// <summary>The eight datasets, in the order of docs/lake.md.</summary>
    public static IReadOnlyList<LakeDataset> All { get; } =
        [Transactions, CustomerActivity, CustomerEvents, FraudAlerts, ChurnAlerts, EnrichedActivity, MerchantMetrics, DeadLetters];

    /// <summary>The dataset's name and the directory under the lake's root (<c>customer_activity</c>).</summary>
    public string Name { get; }

    /// <summary>The topic the rows come from, which names the schema file <c>schemas/&lt;topic&gt;.avsc</c>.</summary>
    public string Topic { get; }

    /// <summary>True for the raw input datasets, whose rows carry the <c>duplicate</c> column.</summary>
    public bool IsRaw { get; }

    /// <summary>The column holding the event time, or null when it comes from the Kafka record only (<c>dead_letters</c>).</summary>
    public string? EventTimeColumn { get; }

    /// <summary>Where a row's event time comes from.</summary>
    public LakeEventTimeSource EventTimeSource { get; }

    /// <summary>The text of <c>schemas/&lt;topic&gt;.avsc</c>, embedded in this assembly.</summary>
    public string AvroSchemaJson => EmbeddedSchemas.Read(Topic);

    /// <summary>The dataset's columns, derived from the Avro schema by docs/lake.md's mapping.</summary>
    public LakeSchema Schema => _schema.Value;

    /// <summary>The dataset named <paramref name="name"/> (its directory name).</summary>
    /// <exception cref="ArgumentException">No dataset has that name.</exception>
    public static LakeDataset FromName(string name) =>
        TryFromName(name, out var dataset)
            ? dataset
            : throw new ArgumentException($"unknown lake dataset \"{name}\"; the datasets are {string.Join(", ", All.Select(d => d.Name))}", nameof(name));

    /// <summary>Finds the dataset named <paramref name="name"/> (its directory name).</summary>
    public static bool TryFromName(string? name, [NotNullWhen(true)] out LakeDataset? dataset)
    {
        dataset = All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
        return dataset is not null;
    }

    /// <summary>The dataset's name.</summary>
    public override string ToString() => Name;
}
