using System.Buffers;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
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
/// </summary>
internal sealed class MerchantFlow : PartitionFlow
{
    private static readonly object ControlRecord = new();

    private readonly AnalyticsServices _analytics;
    private readonly int _partition;
    private readonly MerchantRecordCodec _codec = new();
    private readonly long _windowTicks;
    private readonly MerchantPartitionWatermarks _watermarks;
    private long _closedWindowIndex = long.MinValue;

    public MerchantFlow(PartitionContext context, AnalyticsServices analytics)
        : base(context)
    {
        _analytics = analytics;
        _partition = context.Partition;
        _windowTicks = analytics.Settings.Merchant.WindowSize.Ticks;
        _watermarks = context.DispatchState is { } state
            ? MerchantPartitionWatermarks.Read(state, analytics.CustomerPartitions)
            : new MerchantPartitionWatermarks(analytics.CustomerPartitions);
    }

    protected override void DispatchRecord(ConsumedRecord record, List<RouterWork> output)
    {
        if (record.Value is null)
        {
            output.Add(DeadLetter("empty value on the repartition topic", DeadLetterCause.NotJson, record));
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
        var buffer = new ArrayBufferWriter<byte>(64);
        _watermarks.Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static PassWork DeadLetter(string reason, DeadLetterCause cause, ConsumedRecord record) => new(new DeadLetterReason(reason, cause), record);

    private static long FloorDiv(long value, long divisor) => (value / divisor) - ((value % divisor) < 0 ? 1 : 0);
}
