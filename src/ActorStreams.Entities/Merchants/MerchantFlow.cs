using System.Buffers;
using System.Text;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain.Funnel;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Merchants;

/// <summary>
/// The merchant steps of partition m's pipeline: partition m of <c>actorstreams-repartition-merchant</c>. Data records
/// go to their merchant; control records move the per-source watermarks, whose minimum over the active sources is the
/// partition watermark (docs/design.md §6). When it crosses a window boundary every merchant in memory or with open
/// windows is told to emit the windows it passed; when every source is idle, all open windows are emitted.
/// <para>
/// The funnel records on the same topic (customer events keyed by category, churn-model scores keyed <c>segments</c>,
/// and the customer partitions' funnel watermarks) have a watermark of their own over the same sources, and their windows
/// are kept here, per partition, in <see cref="FunnelWindowState"/> (docs/design.md §6, Funnel and segments): a category's
/// events all land on one partition, and a partition's few categories need no entity each.
/// </para>
/// </summary>
internal sealed class MerchantFlow : PartitionFlow
{
    private static readonly object ControlRecord = new();

    private readonly AnalyticsServices _analytics;
    private readonly int _partition;
    private readonly MerchantRecordCodec _codec = new();
    private readonly long _windowTicks;
    private const byte DispatchStateVersion = 0xB2; // distinct from MerchantPartitionWatermarks' 1, which version 1 held alone

    private readonly MerchantPartitionWatermarks _watermarks;
    private readonly FunnelRecordCodec _funnelCodec = new();
    private readonly MerchantPartitionWatermarks _funnelWatermarks;
    private readonly FunnelWindowState _funnel;
    private readonly FunnelMetricEncoder _funnelEncoder = new();
    private readonly ChurnSegmentEncoder _segmentEncoder = new();
    private long _closedWindowIndex = long.MinValue;

    public MerchantFlow(PartitionContext context, AnalyticsServices analytics)
        : base(context)
    {
        _analytics = analytics;
        _partition = context.Partition;
        var settings = analytics.Settings.Merchant;
        _windowTicks = settings.WindowSize.Ticks;
        (_watermarks, _funnelWatermarks, _funnel) = context.DispatchState is { } state
            ? ReadDispatchState(state, analytics.CustomerPartitions, settings)
            : (new MerchantPartitionWatermarks(analytics.CustomerPartitions), new MerchantPartitionWatermarks(analytics.CustomerPartitions), new FunnelWindowState(settings));
    }

    protected override void DispatchRecord(ConsumedRecord record, List<RouterWork> output)
    {
        if (record.Value is null)
        {
            output.Add(DeadLetter("empty value on the repartition topic", DeadLetterCause.NotJson, record));
            return;
        }

        if (FunnelRecordCodec.IsFunnelRecord(record.Value))
        {
            DispatchFunnel(record, output);
            return;
        }

        if (!_codec.TryDecode(record.Value, out var decoded, out var error))
        {
            output.Add(DeadLetter(error, DecodeFailures.Classify(record.Value), record));
            return;
        }

        var source = decoded.SourcePartition;
        if (source >= _watermarks.SourceCount)
        {
            output.Add(DeadLetter($"source_partition {source} is out of range: the customer topics have {_watermarks.SourceCount} partitions", DeadLetterCause.InvalidField, record));
            return;
        }

        RouterWork work;
        PartitionWatermarkChange change;
        switch (decoded.Kind)
        {
            case MerchantRecordKind.Transaction:
                var transaction = decoded.Transaction!;
                if (record.Key is null || !RecordKeys.IsMerchantKey(record.Key, transaction.MerchantId))
                {
                    output.Add(DeadLetter($"key does not match merchant_id {transaction.MerchantId.Value}", DeadLetterCause.InvalidKey, record));
                    return;
                }

                change = _watermarks.OnData(source, transaction.SourceWatermark);
                var entityId = PartitionEntityIds.ForRecord(transaction.MerchantId.Value, _partition, _analytics.MerchantPartitions);
                work = new EntityWork(entityId, new AddToWindow(transaction), record);
                break;
            case MerchantRecordKind.Watermark:
                change = _watermarks.OnWatermark(source, decoded.Watermark);
                work = new PassWork(ControlRecord, record);
                break;
            default:
                change = _watermarks.OnIdle(source);
                work = new PassWork(ControlRecord, record);
                break;
        }

        switch (change)
        {
            case PartitionWatermarkChange.Advanced:
                var index = FloorDiv(_watermarks.Current.Ticks, _windowTicks);
                if (index > _closedWindowIndex)
                {
                    _closedWindowIndex = index;
                    output.Add(work);
                    output.Add(new BroadcastWork(new CloseWindows(_watermarks.Current)));
                    return;
                }

                break;
            case PartitionWatermarkChange.AllIdle:
                output.Add(work);
                output.Add(new BroadcastWork(FlushWindows.Instance));
                return;
        }

        output.Add(work);
    }

    protected override void ForwardWork(RoutedWork routed, List<ProducerRecord> output)
    {
        if (routed.Work is PassWork { Payload: FunnelWindowsClosed closed })
        {
            var topics = _analytics.Topics;
            foreach (var metric in closed.Funnel)
            {
                output.Add(new ProducerRecord(topics.FunnelMetrics, Encoding.UTF8.GetBytes(metric.Category), _funnelEncoder.Encode(metric)));
            }

            foreach (var segment in closed.Segments)
            {
                output.Add(new ProducerRecord(topics.ChurnSegments, FunnelRecordCodec.ScoreKey, _segmentEncoder.Encode(segment)));
            }

            return;
        }

        var results = routed.Results;
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result is IReadOnlyList<ProducerRecord> records)
            {
                for (var r = 0; r < records.Count; r++)
                {
                    output.Add(records[r]);
                }
            }
        }
    }

    protected override byte[]? SaveDispatchState()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write([DispatchStateVersion]);
        _watermarks.Write(buffer);
        _funnelWatermarks.Write(buffer);
        _funnel.Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The merchant watermarks, funnel watermarks and funnel windows of a dispatch state: version 0xB2 holds all three one
    /// after the other, and a version-1 state (the merchant watermarks' own snapshot) the first alone.
    /// </summary>
    private static (MerchantPartitionWatermarks, MerchantPartitionWatermarks, FunnelWindowState) ReadDispatchState(
        byte[] state, int sources, MerchantWindowSettings settings)
    {
        if (state.Length == 0 || state[0] != DispatchStateVersion)
        {
            return (MerchantPartitionWatermarks.Read(state, sources), new MerchantPartitionWatermarks(sources), new FunnelWindowState(settings));
        }

        var rest = state.AsSpan(1);
        var merchantLength = MerchantPartitionWatermarks.SnapshotLength(rest);
        var merchants = MerchantPartitionWatermarks.Read(rest[..merchantLength], sources);
        rest = rest[merchantLength..];
        var funnelLength = MerchantPartitionWatermarks.SnapshotLength(rest);
        return (merchants, MerchantPartitionWatermarks.Read(rest[..funnelLength], sources), FunnelWindowState.Read(rest[funnelLength..], settings));
    }

    private void DispatchFunnel(ConsumedRecord record, List<RouterWork> output)
    {
        if (!_funnelCodec.TryDecode(record.Value, out var decoded, out var error))
        {
            output.Add(DeadLetter(error, DecodeFailures.Classify(record.Value), record));
            return;
        }

        var source = decoded.SourcePartition;
        if (source >= _funnelWatermarks.SourceCount)
        {
            output.Add(DeadLetter($"source_partition {source} is out of range: the customer topics have {_funnelWatermarks.SourceCount} partitions", DeadLetterCause.InvalidField, record));
            return;
        }

        PartitionWatermarkChange change;
        switch (decoded.Kind)
        {
            case FunnelRecordKind.Event or FunnelRecordKind.Score:
                var keyMatches = record.Key is { } key
                    && (decoded.Event is { } e ? RecordKeys.IsTextKey(key, e.Category) : key.AsSpan().SequenceEqual(FunnelRecordCodec.ScoreKey));
                if (!keyMatches)
                {
                    output.Add(DeadLetter($"key does not match {(decoded.Event is { } ev ? $"category \"{ev.Category}\"" : "\"segments\"")}", DeadLetterCause.InvalidKey, record));
                    return;
                }

                var result = decoded.Event is { } funnelEvent ? _funnel.Apply(funnelEvent) : _funnel.Apply(decoded.Score!);
                switch (result)
                {
                    case MerchantApplyResult.Applied:
                        _analytics.Metrics.FunnelApplied(decoded.Kind == FunnelRecordKind.Score);
                        break;
                    case MerchantApplyResult.Late:
                        _analytics.Metrics.FunnelLateRecord();
                        break;
                    default:
                        _analytics.Metrics.FunnelDuplicate();
                        break;
                }

                change = _funnelWatermarks.OnData(source, decoded.Watermark);
                break;
            case FunnelRecordKind.Watermark:
                change = _funnelWatermarks.OnWatermark(source, decoded.Watermark);
                break;
            default:
                change = _funnelWatermarks.OnIdle(source);
                break;
        }

        output.Add(new PassWork(ControlRecord, record));
        if (change == PartitionWatermarkChange.None)
        {
            return;
        }

        List<FunnelMetric> funnel = [];
        List<ChurnSegmentMetric> segments = [];
        var emitted = change switch
        {
            PartitionWatermarkChange.Advanced => _funnel.Advance(_funnelWatermarks.Current, funnel, segments),
            PartitionWatermarkChange.AllIdle => _funnel.FlushAll(funnel, segments),
            _ => 0,
        };
        if (emitted > 0)
        {
            _analytics.Metrics.FunnelWindows(funnel.Count, segments.Count);
            output.Add(new PassWork(new FunnelWindowsClosed(funnel, segments), null));
        }
    }

    private static PassWork DeadLetter(string reason, DeadLetterCause cause, ConsumedRecord record) => new(new DeadLetterReason(reason, cause), record);

    /// <summary>Funnel and segment windows the funnel watermark closed, produced in order after the record that closed them.</summary>
    private sealed record FunnelWindowsClosed(IReadOnlyList<FunnelMetric> Funnel, IReadOnlyList<ChurnSegmentMetric> Segments);

    private static long FloorDiv(long value, long divisor) => (value / divisor) - ((value % divisor) < 0 ? 1 : 0);
}
