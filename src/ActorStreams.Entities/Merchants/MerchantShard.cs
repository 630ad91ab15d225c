using System.Buffers;
using System.Text;
using ActorStreams.Actors;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Persistence;

namespace ActorStreams.Entities.Merchants;

/// <summary>
/// Shard m of the merchants: partition m of <c>actorstreams-repartition-merchant</c>. Data records go to their
/// merchant; control records move the per-source watermarks, whose minimum over the active sources is the
/// partition watermark (docs/design.md §6). When it crosses a window boundary every merchant with open windows is
/// told to emit the windows it passed; when every source is idle, all open windows are emitted.
/// </summary>
internal sealed class MerchantShard : EntityShard<string, MerchantWindowState>
{
    private const byte StateVersion = 1;

    private readonly AnalyticsServices _analytics;
    private readonly MerchantRecordCodec _codec = new();
    private readonly ArrayBufferWriter<byte> _stateBuffer = new(256);
    private readonly long _windowTicks;
    private readonly HashSet<string> _restoredOpen = new(StringComparer.Ordinal);
    private MerchantPartitionWatermarks _watermarks;
    private long _closedWindowIndex = long.MinValue;

    public MerchantShard(ShardKey key, ShardServices services, ShardSnapshot? snapshot, AnalyticsServices analytics)
        : base(new MerchantKind(analytics.Settings.Merchant), key, services, snapshot)
    {
        _analytics = analytics;
        _windowTicks = analytics.Settings.Merchant.WindowSize.Ticks;
        _watermarks = new MerchantPartitionWatermarks(analytics.CustomerPartitions);
    }

    protected override Props EntityProps(EntityContext<string, MerchantWindowState> context) =>
        Props.Create(() => new MerchantEntity(context, _analytics));

    protected override bool CanPassivate(EntityHandle<string> handle) =>
        handle.State is not MerchantWindowState { OpenWindowCount: > 0 };

    protected override void OnRecord(KafkaRecord record)
    {
        if (record.Value is null)
        {
            DeadLetter(record, "empty value on the repartition topic");
            return;
        }

        if (!_codec.TryDecode(record.Value, out var decoded, out var error))
        {
            DeadLetter(record, error);
            return;
        }

        var source = decoded.SourcePartition;
        if (source >= _watermarks.SourceCount)
        {
            DeadLetter(record, $"source_partition {source} is out of range: the customer topics have {_watermarks.SourceCount} partitions");
            return;
        }

        PartitionWatermarkChange change;
        switch (decoded.Kind)
        {
            case MerchantRecordKind.Transaction:
                var transaction = decoded.Transaction!;
                if (record.Key is null || !RecordKeys.IsMerchantKey(record.Key, transaction.MerchantId))
                {
                    DeadLetter(record, $"key does not match merchant_id {transaction.MerchantId.Value}");
                    return;
                }

                change = _watermarks.OnData(source, transaction.SourceWatermark);
                Route(transaction.MerchantId.Value, Attach(new AddToWindow(transaction), record));
                break;
            case MerchantRecordKind.Watermark:
                change = _watermarks.OnWatermark(source, decoded.Watermark);
                record.Complete();
                break;
            default:
                change = _watermarks.OnIdle(source);
                record.Complete();
                break;
        }

        switch (change)
        {
            case PartitionWatermarkChange.Advanced:
                var index = FloorDiv(_watermarks.Current.Ticks, _windowTicks);
                if (index > _closedWindowIndex)
                {
                    _closedWindowIndex = index;
                    Broadcast(() => new CloseWindows(_watermarks.Current));
                }

                break;
            case PartitionWatermarkChange.AllIdle:
                Broadcast(static () => new FlushWindows());
                break;
        }
    }

    protected override byte[]? SnapshotShardState()
    {
        _stateBuffer.ResetWrittenCount();
        _watermarks.Write(_stateBuffer);
        var watermarks = _stateBuffer.WrittenSpan.ToArray();
        var open = Entities.Where(h => h.State is MerchantWindowState { OpenWindowCount: > 0 }).Select(h => h.Id)
            .Concat(_restoredOpen).Distinct(StringComparer.Ordinal).ToList();
        _stateBuffer.ResetWrittenCount();
        _stateBuffer.GetSpan(1)[0] = StateVersion;
        _stateBuffer.Advance(1);
        WriteInt32(watermarks.Length);
        _stateBuffer.Write(watermarks);
        WriteInt32(open.Count);
        foreach (var id in open)
        {
            var bytes = Encoding.UTF8.GetBytes(id);
            WriteInt32(bytes.Length);
            _stateBuffer.Write(bytes);
        }

        return _stateBuffer.WrittenSpan.ToArray();

        void WriteInt32(int value)
        {
            BitConverter.TryWriteBytes(_stateBuffer.GetSpan(4), value);
            _stateBuffer.Advance(4);
        }
    }

    protected override void RestoreShardState(ReadOnlySpan<byte> state)
    {
        if (state.IsEmpty || state[0] != StateVersion)
        {
            throw new InvalidDataException($"merchant shard {Key}: unknown shard state version {(state.IsEmpty ? -1 : state[0])}");
        }

        var length = BitConverter.ToInt32(state[1..]);
        _watermarks = MerchantPartitionWatermarks.Read(state.Slice(5, length), _analytics.CustomerPartitions);
        var rest = state[(5 + length)..];
        var count = BitConverter.ToInt32(rest);
        rest = rest[4..];
        for (var i = 0; i < count; i++)
        {
            var idLength = BitConverter.ToInt32(rest);
            _restoredOpen.Add(Encoding.UTF8.GetString(rest.Slice(4, idLength)));
            rest = rest[(4 + idLength)..];
        }
    }

    private static long FloorDiv(long value, long divisor) => (value / divisor) - ((value % divisor) < 0 ? 1 : 0);

    private void Broadcast(Func<ShardWork> command)
    {
        // Every merchant in memory, open windows or not: their states may not be read while they run, and a
        // merchant's record of closed windows must move with the watermark for lateness to be the same everywhere.
        var targets = Entities.Select(h => h.Id).ToList();
        targets.AddRange(_restoredOpen.Where(id => !TryGetEntity(id, out _)));
        _restoredOpen.Clear();
        foreach (var id in targets)
        {
            Route(id, Attach(command(), null));
        }
    }
}
