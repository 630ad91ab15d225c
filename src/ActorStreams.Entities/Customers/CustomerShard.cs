using System.Buffers;
using ActorStreams.Actors;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Persistence;

namespace ActorStreams.Entities.Customers;

/// <summary>
/// Shard p of the customers: partition p of <c>transactions</c>, <c>customer-activity</c>, <c>customer-details</c>
/// and <c>loan-applications</c>. Besides routing records to customer entities it is the merchant side's upstream
/// source p: it forwards scored transactions to <c>actorstreams-repartition-merchant</c> strictly in offset order
/// (entities answer out of order), each carrying the partition's watermark, and announces the watermark, or that the
/// partition is idle, to every merchant partition with control records that never overtake the data they cover.
/// </summary>
internal sealed class CustomerShard : EntityShard<long, CustomerState>
{
    private const byte StateVersion = 1;

    private readonly AnalyticsServices _analytics;
    private readonly Dictionary<long, TransactionScored> _scored = [];
    private readonly MerchantRecordCodec _codec = new();
    private readonly ArrayBufferWriter<byte> _stateBuffer = new(64);
    private readonly Dictionary<string, byte[]> _merchantKeys = new(StringComparer.Ordinal);
    private CustomerPartitionWatermark _watermark = null!;
    private long _nextSequence;
    private long _nextForward;
    private long _forwardedWatermark = long.MinValue;
    private long _announcedWatermark = long.MinValue;
    private bool _idleAnnounced;

    public CustomerShard(ShardKey key, ShardServices services, ShardSnapshot? snapshot, AnalyticsServices analytics)
        : base(new CustomerKind(analytics.Settings.Customer), key, services, snapshot)
    {
        _analytics = analytics;
    }

    protected override void PreStart()
    {
        _watermark = new CustomerPartitionWatermark(Key.Partition, _analytics.Settings.Merchant, NowEventTime());
        base.PreStart();
    }

    protected override Props EntityProps(EntityContext<long, CustomerState> context) =>
        Props.Create(() => new CustomerEntity(context, _analytics, Key.Partition));

    protected override void OnRecord(KafkaRecord record)
    {
        var topics = Services.Kafka.Topics;
        var topic = record.Topic;
        if (string.Equals(topic, topics.Transactions, StringComparison.Ordinal))
        {
            OnTransaction(record);
        }
        else if (string.Equals(topic, topics.CustomerActivity, StringComparison.Ordinal))
        {
            OnActivity(record);
        }
        else if (string.Equals(topic, topics.CustomerDetails, StringComparison.Ordinal))
        {
            OnDetails(record);
        }
        else if (string.Equals(topic, topics.LoanApplications, StringComparison.Ordinal))
        {
            // Loan analytics come with their own issue; until then the records are counted and acknowledged.
            _analytics.Metrics.LoanApplication();
            record.Complete();
        }
        else
        {
            DeadLetter(record, $"topic \"{topic}\" is not an input of the customer entities");
        }
    }

    protected override void OnMessage(object message)
    {
        if (message is not TransactionScored scored)
        {
            Unhandled(message);
            return;
        }

        _scored.Add(scored.Work.Sequence, scored);
        while (_scored.Remove(_nextForward, out var next))
        {
            Forward(next);
            _nextForward++;
        }
    }

    protected override void OnTick()
    {
        if (_nextForward != _nextSequence || InFlight > 0)
        {
            // Transactions are still being scored: a control record now could overtake their forwards. And a
            // partition with work in flight (perhaps paused by backpressure) is busy, not idle.
            return;
        }

        var signal = _watermark.Poll(NowEventTime());
        if (signal.Kind == WatermarkSignalKind.Idle)
        {
            Announce(_codec.EncodeIdle(Key.Partition));
            _idleAnnounced = true;
        }
        else if (_forwardedWatermark > _announcedWatermark)
        {
            AnnounceWatermark();
        }
    }

    protected override byte[]? SnapshotShardState()
    {
        _stateBuffer.ResetWrittenCount();
        _watermark.Write(_stateBuffer);
        var watermark = _stateBuffer.WrittenSpan.ToArray();
        var state = new byte[1 + 4 + watermark.Length + 8 + 8];
        var span = state.AsSpan();
        span[0] = StateVersion;
        BitConverter.TryWriteBytes(span[1..], watermark.Length);
        watermark.CopyTo(span[5..]);
        BitConverter.TryWriteBytes(span[(5 + watermark.Length)..], _forwardedWatermark);
        BitConverter.TryWriteBytes(span[(13 + watermark.Length)..], _announcedWatermark);
        return state;
    }

    protected override void RestoreShardState(ReadOnlySpan<byte> state)
    {
        if (state.Length < 5 || state[0] != StateVersion)
        {
            throw new InvalidDataException($"customer shard {Key}: unknown shard state version {(state.IsEmpty ? -1 : state[0])}");
        }

        var length = BitConverter.ToInt32(state[1..]);
        _watermark = CustomerPartitionWatermark.Read(state.Slice(5, length), _analytics.Settings.Merchant, NowEventTime());
        _forwardedWatermark = BitConverter.ToInt64(state[(5 + length)..]);
        // Announce again after a restart: merchant partitions may have missed the last announcement.
        _announcedWatermark = long.MinValue;
    }

    private void OnTransaction(KafkaRecord record)
    {
        if (!TryKey(record, out var customerId))
        {
            return;
        }

        if (!TransactionDecoder.Shared.TryDecode(record.Value, out var transaction, out var error))
        {
            DeadLetter(record, error);
            return;
        }

        if (!SameCustomer(record, customerId, transaction.CustomerId))
        {
            return;
        }

        var carried = _watermark.ObserveRecord(transaction.Timestamp, NowEventTime());
        Route(customerId, Attach(new ScoreTransaction(transaction, carried, _nextSequence++), record));
    }

    private void OnActivity(KafkaRecord record)
    {
        if (!TryKey(record, out var customerId))
        {
            return;
        }

        if (!CustomerActivityDecoder.Shared.TryDecode(record.Value, out var activity, out var error))
        {
            DeadLetter(record, error);
            return;
        }

        if (!SameCustomer(record, customerId, activity.CustomerId))
        {
            return;
        }

        // Without a timestamp the record's own Kafka timestamp stands for processing time: unlike the wall
        // clock it is the same on every replay, which keeps replays deterministic.
        var eventTime = activity.Timestamp ?? EventTime.FromUnixMilliseconds(record.TimestampMs);
        Route(customerId, Attach(new ScoreActivity(activity, eventTime), record));
    }

    private void OnDetails(KafkaRecord record)
    {
        if (!TryKey(record, out var customerId))
        {
            return;
        }

        if (record.Value is null)
        {
            Route(customerId, Attach(new UpdateDetails(new CustomerId(customerId), null), record));
            return;
        }

        if (!CustomerDetailsDecoder.Shared.TryDecode(record.Value, out var details, out var error))
        {
            DeadLetter(record, error);
            return;
        }

        if (SameCustomer(record, customerId, details.CustomerId))
        {
            Route(customerId, Attach(new UpdateDetails(details.CustomerId, details), record));
        }
    }

    private bool TryKey(KafkaRecord record, out long customerId)
    {
        if (record.Key is { } key && RecordKeys.TryParseInt64(key, out customerId))
        {
            if (record.Value is null && !string.Equals(record.Topic, Services.Kafka.Topics.CustomerDetails, StringComparison.Ordinal))
            {
                DeadLetter(record, "empty value (tombstone) where a record is expected");
                return false;
            }

            return true;
        }

        customerId = 0;
        DeadLetter(record, record.Key is null ? "missing key: expected the decimal customer_id" : "invalid key: expected the decimal customer_id");
        return false;
    }

    private bool SameCustomer(KafkaRecord record, long key, CustomerId inValue)
    {
        if (inValue.Value == key)
        {
            return true;
        }

        _analytics.Metrics.KeyMismatch();
        DeadLetter(record, $"key {key} does not match customer_id {inValue.Value}");
        return false;
    }

    private void Forward(TransactionScored scored)
    {
        var work = scored.Work;
        try
        {
            if (scored.Forward is { } forward)
            {
                if (_idleAnnounced)
                {
                    // Merchant partitions believe this source idle: tell all of them it is back before its data.
                    _idleAnnounced = false;
                    _forwardedWatermark = Math.Max(_forwardedWatermark, forward.SourceWatermark.Ticks);
                    AnnounceWatermark();
                }

                Produce(Services.Kafka.Topics.RepartitionMerchant, MerchantKey(forward), _codec.Encode(forward), work);
                _forwardedWatermark = Math.Max(_forwardedWatermark, forward.SourceWatermark.Ticks);
            }
        }
        finally
        {
            work.Release();
        }
    }

    /// <summary>The repartition key of a forward; merchants are few and recur, so their keys are encoded once.</summary>
    private byte[] MerchantKey(MerchantTransaction forward)
    {
        var id = forward.MerchantId.Value;
        if (!_merchantKeys.TryGetValue(id, out var key))
        {
            if (_merchantKeys.Count >= 100_000)
            {
                _merchantKeys.Clear();
            }

            key = RecordKeys.For(forward);
            _merchantKeys[id] = key;
        }

        return key;
    }

    private void AnnounceWatermark()
    {
        Announce(_codec.EncodeWatermark(Key.Partition, new EventTime(_forwardedWatermark)));
        _announcedWatermark = _forwardedWatermark;
    }

    private void Announce(byte[] control)
    {
        var work = NewShardWork();
        try
        {
            for (var partition = 0; partition < _analytics.MerchantPartitions; partition++)
            {
                Produce(Services.Kafka.Topics.RepartitionMerchant, partition, control, work);
            }
        }
        finally
        {
            work.Release();
        }
    }

    private EventTime NowEventTime() => EventTime.FromDateTimeOffset(Services.Time.GetUtcNow());
}
