using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Internal;

/// <summary>Logs the node's counters periodically, with rates since the previous line.</summary>
internal sealed partial class MetricsReporter : IAsyncDisposable
{
    private readonly ActorStreamsNode _node;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private long _lastEvents;
    private long _lastTimestamp;

    public MetricsReporter(ActorStreamsNode node, TimeSpan interval, ILogger logger)
    {
        _node = node;
        _logger = logger;
        _lastTimestamp = node.Time.GetTimestamp();
        _timer = node.Time.CreateTimer(_ => Report(), null, interval, interval);
    }

    public ValueTask DisposeAsync() => _timer.DisposeAsync();

    private void Report()
    {
        var status = _node.Status();
        var events = status.EventsIn.Values.Sum();
        var now = _node.Time.GetTimestamp();
        var seconds = _node.Time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        var rate = seconds > 0 ? (events - _lastEvents) / seconds : 0;
        _lastEvents = events;
        _lastTimestamp = now;
        LogStatus(
            _logger,
            status.NodeId,
            events,
            rate,
            string.Join(" ", status.FraudAlerts.Select(a => $"{a.Key}={a.Value}")),
            status.ChurnAlerts,
            status.EnrichedRecords,
            status.MerchantMetrics,
            status.LateTransactions,
            status.MerchantLateEvents,
            status.Duplicates,
            status.DeadLetters,
            status.MisroutedRecords,
            status.RecordsLostToRetention,
            status.ActiveEntities,
            status.Passivations,
            status.Checkpoints,
            status.CheckpointFailures,
            status.LedgersLost,
            status.StoreOutages,
            status.StoreUnavailable ? "down" : "up",
            status.Shards.Count);
        if (status.LoanApplications > 0 || status.LoanChannelWindows > 0 || status.LoanSegmentWindows > 0)
        {
            var metrics = _node.EntityMetrics;
            LogLoans(_logger, status.NodeId, status.LoanApplications, status.LoanFraudAlerts, status.LoanChannelWindows, status.LoanSegmentWindows,
                metrics.LateLoanApplications, metrics.LoanWindowLateApplications);
        }

        var entities = _node.EntityMetrics;
        if (entities.FunnelEvents > 0 || entities.FunnelLate > 0)
        {
            LogFunnel(_logger, status.NodeId, entities.FunnelEvents, entities.FunnelScores, entities.FunnelMetrics, entities.ChurnSegmentMetrics,
                entities.FunnelLate, entities.FunnelDuplicates);
        }

        if (_node.Indexer is { } indexer)
        {
            var es = indexer.Metrics;
            LogElasticsearch(_logger, status.NodeId, es.Indexed, es.Retries, es.Failed, es.Buffered, es.BulkRequests);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message =
        "node {NodeId}: events_in={Events} ({Rate:0}/s) fraud_alerts[{Alerts}] churn_alerts={Churn} enriched={Enriched} merchant_metrics={Metrics} " +
        "late_events={Late} merchant_late_events={MerchantLate} duplicates={Duplicates} dead_letters={DeadLetters} misrouted_records={Misrouted} lost_to_retention={Lost} " +
        "active_entities={Active} passivations={Passivations} checkpoints={Checkpoints} checkpoint_failures={CheckpointFailures} " +
        "ledgers_lost={LedgersLost} store_outages={StoreOutages} store={Store} shards={Shards}")]
    private static partial void LogStatus(
        ILogger logger, string nodeId, long events, double rate, string alerts, long churn, long enriched, long metrics, long late, long merchantLate,
        long duplicates, long deadLetters, long misrouted, long lost, long active, long passivations, long checkpoints,
        long checkpointFailures, long ledgersLost, long storeOutages, string store, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "node {NodeId}: loans applications={Applications} fraud_alerts={Alerts} channel_windows={ChannelWindows} segment_windows={SegmentWindows} " +
        "burst_late={BurstLate} window_late={WindowLate}")]
    private static partial void LogLoans(
        ILogger logger, string nodeId, long applications, long alerts, long channelWindows, long segmentWindows, long burstLate, long windowLate);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "node {NodeId}: funnel events={Events} scores={Scores} funnel_metrics={Funnel} churn_segments={Segments} funnel_late_events={Late} funnel_replays_ignored={Replays}")]
    private static partial void LogFunnel(ILogger logger, string nodeId, long events, long scores, long funnel, long segments, long late, long replays);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "node {NodeId}: elasticsearch indexed={Indexed} retries={Retries} failed={Failed} buffered={Buffered} bulk_requests={BulkRequests}")]
    private static partial void LogElasticsearch(ILogger logger, string nodeId, long indexed, long retries, long failed, long buffered, long bulkRequests);
}
