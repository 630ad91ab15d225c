using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Elasticsearch;
using Akka.Cluster;

namespace ActorStreams.Node.Internal;

/// <summary>
/// The node's <c>System.Diagnostics.Metrics</c> instruments, which <c>GET /metrics</c> exports in the Prometheus text
/// format. They observe the counters the node keeps anyway (the same ones as the metrics log line and
/// <c>/api/cluster</c>), so the hot path pays nothing for them. One meter per node, named after it and unique in the
/// process, so that the nodes of one process (the demo) each export only their own.
/// </summary>
internal sealed class NodeInstruments : IDisposable
{
    /// <summary>The prefix of every meter name; the runtime's own meter (<c>System.Runtime</c>) is exported beside it.</summary>
    public const string MeterPrefix = "ActorStreams.Node";

    /// <summary>The <c>reason</c> label of each dead-letter cause: its name in snake case (<c>not_json</c>, <c>too_large</c>, …).</summary>
    private static readonly FrozenDictionary<DeadLetterCause, string> Reasons =
        Enum.GetValues<DeadLetterCause>().ToFrozenDictionary(cause => cause, cause => JsonNamingPolicy.SnakeCaseLower.ConvertName(cause.ToString()));

    private readonly Meter _meter;
    private readonly Cluster.Sharding.ShardMetrics _shards;

    public NodeInstruments(ActorStreamsNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        MeterName = $"{MeterPrefix}.{node.NodeId}.{Guid.NewGuid():N}";
        _meter = new Meter(MeterName);
        var kafka = node.KafkaMetrics;
        var shards = node.ShardMetrics;
        var entities = node.EntityMetrics;

        _meter.CreateObservableCounter("actorstreams.events.consumed", () => kafka.EventsInByTopic.Select(e => Tagged(e.Value, "topic", e.Key)), "{record}", "Records taken in, per input topic");
        _meter.CreateObservableCounter(
            "actorstreams.outputs.produced",
            () => kafka.ProducedByTopic.Select(e => Tagged(e.Value, "topic", e.Key)),
            "{record}",
            "Records delivered to Kafka (acknowledged by the brokers), per topic");
        _meter.CreateObservableCounter("actorstreams.produce.failures", () => kafka.ProduceFailures, "{record}", "Output records Kafka refused for good");
        _meter.CreateObservableCounter("actorstreams.fraud.alerts", () => entities.AlertsByRule.Select(e => Tagged(e.Value, "rule", e.Key)), "{alert}", "Fraud alerts, per rule");
        _meter.CreateObservableCounter("actorstreams.churn.alerts", () => entities.ChurnAlerts, "{alert}", "Churn alerts");
        _meter.CreateObservableCounter("actorstreams.enriched.records", () => entities.EnrichedRecords + entities.ReEmittedRecords, "{record}", "Enriched activity records, re-emitted ones included");
        _meter.CreateObservableCounter("actorstreams.merchant.metrics", () => entities.MerchantMetrics, "{record}", "Merchant metric windows emitted");
        _meter.CreateObservableCounter("actorstreams.loan.alerts", () => entities.LoanFraudAlerts, "{alert}", "Loan fraud alerts");
        _meter.CreateObservableCounter("actorstreams.funnel.metrics", () => entities.FunnelMetrics, "{record}", "Funnel windows emitted (funnel-metrics)");
        _meter.CreateObservableCounter("actorstreams.churn.segments", () => entities.ChurnSegmentMetrics, "{record}", "Churn-risk segment windows emitted (churn-segments)");
        _meter.CreateObservableCounter("actorstreams.funnel.late", () => entities.FunnelLate, "{record}", "Customer events and scores late for their funnel or segment window");
        _meter.CreateObservableCounter(
            "actorstreams.duplicates",
            () => new[]
            {
                Tagged(entities.DuplicateTransactions, "kind", "transaction"),
                Tagged(entities.DuplicateActivities, "kind", "activity"),
                Tagged(entities.DuplicateLoanApplications, "kind", "loan_application"),
            },
            "{record}",
            "Records counted as duplicates of one their customer already had");
        _meter.CreateObservableCounter(
            "actorstreams.late.events",
            () => new[] { Tagged(entities.LateTransactions, "stage", "fraud"), Tagged(entities.MerchantLateEvents, "stage", "merchant_window") },
            "{record}",
            "Events later than the allowed lateness (fraud) or than their window's watermark (merchant windows)");
        _meter.CreateObservableCounter(
            "actorstreams.dead.letters",
            () => shards.DeadLetteredByCause.Select(e => Tagged(e.Value, ("source_topic", e.Key.Topic), ("reason", Reasons[e.Key.Cause]))),
            "{record}",
            "Records sent to the dead-letter topic, per source topic and class of reason");
        _meter.CreateObservableCounter("actorstreams.misrouted.records", () => kafka.MisroutedRecords, "{record}", "Records whose key belongs to another partition");
        _meter.CreateObservableCounter("actorstreams.records.lost_to_retention", () => kafka.RecordsLostToRetention, "{record}", "Records the broker deleted before they were read");
        _meter.CreateObservableGauge("actorstreams.records.in_flight", () => kafka.InFlight, "{record}", "Records taken in and not yet finished");
        _meter.CreateObservableGauge("actorstreams.partitions.paused", () => kafka.PausedPartitions, "{partition}", "Input partitions paused by backpressure");
        _meter.CreateObservableGauge("actorstreams.entities.active", () => shards.ActiveEntities, "{entity}", "Entities in memory");
        _meter.CreateObservableCounter("actorstreams.entities.passivated", () => shards.EntitiesPassivated, "{entity}", "Entities passivated");
        _meter.CreateObservableCounter("actorstreams.checkpoints", () => shards.Checkpoints, "{checkpoint}", "Checkpoints written");
        var checkpointDuration = _meter.CreateHistogram<double>(
            "actorstreams.checkpoint.duration",
            "s",
            "Time from the start of a checkpoint's write (the journal's highest sequence number read included) to its confirmation",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        shards.CheckpointObserver = (_, took) => checkpointDuration.Record(took.TotalSeconds);
        var processingLatency = _meter.CreateHistogram<double>(
            "actorstreams.processing.latency",
            "s",
            "Per input record, per topic, time from its Kafka timestamp to the end of its pipeline (its outputs acknowledged by Kafka, and by Elasticsearch when configured)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        shards.ProcessingLatencyObserver = (topic, latency) => processingLatency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("topic", topic));
        _shards = shards;
        _meter.CreateObservableGauge(
            "actorstreams.consumer.lag",
            () => node.Lag().Select(l => Tagged(l.Lag, ("topic", l.Partition.Topic), ("partition", l.Partition.Partition.ToString(CultureInfo.InvariantCulture)))),
            "{record}",
            "Records between the last completed offset and the end of each input partition this node reads (GET /api/lag?scope=local)");
        _meter.CreateObservableCounter(
            "actorstreams.partitions.started",
            () => shards.PartitionsStarted.Select(e => Tagged(e.Value, "kind", e.Key)),
            "{partition}",
            "Partition consumers started on this node (ledger recovered, reading), per entity kind");
        _meter.CreateObservableCounter(
            "actorstreams.partitions.stopped",
            () => shards.PartitionsStopped.Select(e => Tagged(e.Value, ("kind", e.Key.Kind), ("final_checkpoint", e.Key.FinalCheckpoint ? "true" : "false"))),
            "{partition}",
            "Partition consumers stopped on this node, per entity kind and whether they wrote a final checkpoint first (a handoff) or not");
        _meter.CreateObservableCounter(
            "actorstreams.handoffs",
            () => shards.PartitionsStopped.Where(e => e.Key.FinalCheckpoint).Select(e => Tagged(e.Value, "kind", e.Key.Kind)),
            "{partition}",
            "Partitions this node handed off with their final checkpoint written, per entity kind");
        _meter.CreateObservableGauge(
            "actorstreams.elasticsearch.buffered",
            () => Elasticsearch(node, metrics => metrics.Buffered),
            "{document}",
            "Documents the Elasticsearch sink accepted and has not indexed yet (only with the sink configured)");
        _meter.CreateObservableCounter(
            "actorstreams.elasticsearch.failures",
            () => Elasticsearch(node, metrics => metrics.Failed),
            "{document}",
            "Documents Elasticsearch rejected for good, sent to dead-letter instead (only with the sink configured)");
        _meter.CreateObservableCounter(
            "actorstreams.elasticsearch.retries",
            () => Elasticsearch(node, metrics => metrics.Retries),
            "{retry}",
            "Bulk requests sent again after failing as a whole, and documents sent again after a retriable rejection (only with the sink configured)");
        _meter.CreateObservableCounter("actorstreams.lake.files", () => Lake(node, metrics => metrics.FilesWritten), "{file}", "Parquet files written to the lake (only with the lake on)");
        _meter.CreateObservableCounter("actorstreams.lake.rows", () => Lake(node, metrics => metrics.RowsWritten), "{row}", "Rows in the Parquet files written to the lake (only with the lake on)");
        _meter.CreateObservableCounter("actorstreams.lake.bytes", () => Lake(node, metrics => metrics.BytesWritten), "By", "Bytes of the Parquet files written to the lake (only with the lake on)");
        _meter.CreateObservableCounter("actorstreams.lake.chunks", () => Lake(node, metrics => metrics.ChunksWritten), "{chunk}", "Chunks of rows put to the lake before checkpoints (only with the lake on)");
        _meter.CreateObservableCounter("actorstreams.lake.write_failures", () => Lake(node, metrics => metrics.WriteFailures), "{attempt}", "Attempts to write lake files that failed; the files are written later (only with the lake on)");
        _meter.CreateObservableCounter("actorstreams.lake.rows_rejected", () => Lake(node, metrics => metrics.RowsRejected), "{row}", "Records the lake could not turn into rows of their dataset's schema (only with the lake on)");
        _meter.CreateObservableCounter("actorstreams.checkpoint.failures", () => shards.CheckpointFailures, "{checkpoint}", "Checkpoints not written (store unavailable, or the ledger lost to another writer)");
        _meter.CreateObservableCounter("actorstreams.ledgers.lost", () => shards.LedgersLost, "{checkpoint}", "Checkpoints not written because another node had written the ledger since");
        _meter.CreateObservableCounter("actorstreams.store.outages", () => shards.StoreOutages, "{outage}", "Times the store became unavailable");
        _meter.CreateObservableGauge("actorstreams.store.available", () => shards.IsStoreUnavailable ? 0 : 1, null, "1 while the store answers, 0 while the partitions are paused for it");
        _meter.CreateObservableGauge("actorstreams.partitions.running", () => node.System is null ? 0 : node.Partitions.Running.Count, "{partition}", "Partition consumers running on this node");
        _meter.CreateObservableGauge("actorstreams.cluster.members", () => Members(node), "{node}", "Cluster members as this node sees them, per status");
        _meter.CreateObservableGauge("actorstreams.cluster.unreachable", () => Unreachable(node), "{node}", "Members this node cannot reach");
    }

    /// <summary>The meter's name: what the exporter subscribes to.</summary>
    public string MeterName { get; }

    public void Dispose()
    {
        _shards.CheckpointObserver = null;
        _shards.ProcessingLatencyObserver = null;
        _meter.Dispose();
    }

    private static Measurement<long> Tagged(long value, string key, string tag) => new(value, new KeyValuePair<string, object?>(key, tag));

    private static Measurement<long> Tagged(long value, (string Key, string Tag) first, (string Key, string Tag) second) =>
        new(value, new KeyValuePair<string, object?>(first.Key, first.Tag), new KeyValuePair<string, object?>(second.Key, second.Tag));

    /// <summary>A value of the Elasticsearch sink's counters, or none when the node has no sink.</summary>
    private static Measurement<long>[] Elasticsearch(ActorStreamsNode node, Func<ElasticsearchMetrics, long> value) =>
        node.Indexer is { } indexer ? [new Measurement<long>(value(indexer.Metrics))] : [];

    private static Measurement<long>[] Lake(ActorStreamsNode node, Func<Lake.LakeMetrics, long> value) =>
        node.LakeSink is { } lake ? [new Measurement<long>(value(lake.Metrics))] : [];

    private static IEnumerable<Measurement<long>> Members(ActorStreamsNode node)
    {
        if (node.System is not { } system)
        {
            return [];
        }

        var members = Akka.Cluster.Cluster.Get(system).State.Members;
        return Enum.GetValues<MemberStatus>().Select(status => Tagged(members.Count(m => m.Status == status), "status", status.ToString().ToLowerInvariant()));
    }

    private static long Unreachable(ActorStreamsNode node) =>
        node.System is { } system ? Akka.Cluster.Cluster.Get(system).State.Unreachable.Count : 0;
}
