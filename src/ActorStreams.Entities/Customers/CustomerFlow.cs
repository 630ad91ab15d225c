using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Customers;

/// <summary>
/// The customer steps of partition p's pipeline: partition p of <c>transactions</c>, <c>customer-activity</c>,
/// <c>customer-details</c> and <c>loan-applications</c>. Dispatch decodes and validates each record (or dead-letters
/// it) and gives each transaction the partition's watermark; forward produces the customers' outputs and, being the
/// merchant side's upstream source p, forwards scored transactions to <c>actorstreams-repartition-merchant</c> in offset
/// order and announces the watermark, or that the partition is idle, to every merchant partition with control records
/// that never overtake the data they cover (docs/design.md §6).
/// </summary>
internal sealed class CustomerFlow : PartitionFlow
{
    private const byte ForwardStateVersion = 1;
    private static readonly object SkipRecord = new();

    private readonly AnalyticsServices _analytics;
    private readonly int _partition;
    private readonly MerchantRecordCodec _codec = new();
    private readonly Dictionary<string, byte[]> _merchantKeys = new(StringComparer.Ordinal);
    private readonly CustomerPartitionWatermark _watermark;
    private long _forwardedWatermark = long.MinValue;
    private long _announcedWatermark = long.MinValue;
    private bool _idleAnnounced;

    public CustomerFlow(PartitionContext context, AnalyticsServices analytics)
        : base(context)
    {
        _analytics = analytics;
        _partition = context.Partition;
        _watermark = context.DispatchState is { } dispatch
            ? CustomerPartitionWatermark.Read(dispatch, analytics.Settings.Merchant)
            : new CustomerPartitionWatermark(_partition, analytics.Settings.Merchant);
        if (context.ForwardState is { } forward)
        {
            if (forward.Length != 9 || forward[0] != ForwardStateVersion)
            {
                throw new InvalidDataException($"customer partition {_partition}: unknown forward state version {(forward.Length == 0 ? -1 : forward[0])}");
            }

            // The announced watermark is not restored: merchant partitions may have missed the last announcement.
            _forwardedWatermark = BinaryPrimitives.ReadInt64LittleEndian(forward.AsSpan(1));
        }
    }

    protected override void DispatchRecord(ConsumedRecord record, List<RouterWork> output)
    {
        var topics = _analytics.Topics;
        var topic = record.Topic;
        if (string.Equals(topic, topics.Transactions, StringComparison.Ordinal))
        {
            output.Add(OnTransaction(record));
            return;
        }

        if (string.Equals(topic, topics.CustomerActivity, StringComparison.Ordinal))
        {
            output.Add(OnActivity(record));
            return;
        }

        if (string.Equals(topic, topics.CustomerDetails, StringComparison.Ordinal))
        {
            output.Add(OnDetails(record));
            return;
        }

        if (string.Equals(topic, topics.LoanApplications, StringComparison.Ordinal))
        {
            // Loan analytics come with their own issue; until then the records are counted and acknowledged.
            _analytics.Metrics.LoanApplication();
            output.Add(new PassWork(SkipRecord, record));
            return;
        }

        output.Add(DeadLetter($"topic \"{topic}\" is not an input of the customer entities", record));
    }

    protected override object? OnTick(TimeSpan inputWait) => _watermark.Poll(inputWait);

    protected override void ForwardWork(RoutedWork routed, List<ProducerRecord> output)
    {
        switch (routed.Work)
        {
            case EntityWork when routed.Results is [CustomerOutcome outcome]:
                output.AddRange(outcome.Outputs);
                if (outcome.Forward is { } forward)
                {
                    Forward(forward, output);
                }

                break;
            case TickWork { Signal: WatermarkSignal signal }:
                if (signal.Kind == WatermarkSignalKind.Idle)
                {
                    Announce(_codec.EncodeIdle(_partition), output);
                    _idleAnnounced = true;
                }
                else if (_forwardedWatermark > _announcedWatermark)
                {
                    AnnounceWatermark(output);
                }

                break;
        }
    }

    protected override byte[]? SaveDispatchState()
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        _watermark.Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    protected override byte[]? SaveForwardState()
    {
        var state = new byte[9];
        state[0] = ForwardStateVersion;
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(1), _forwardedWatermark);
        return state;
    }

    private RouterWork OnTransaction(ConsumedRecord record)
    {
        if (!TryKey(record, out var customerId, out var invalid))
        {
            return invalid;
        }

        if (!TransactionDecoder.Shared.TryDecode(record.Value, out var transaction, out var error))
        {
            return DeadLetter(error, record);
        }

        if (Mismatch(record, customerId, transaction.CustomerId) is { } mismatch)
        {
            return mismatch;
        }

        var carried = _watermark.ObserveRecord(transaction.Timestamp);
        return new EntityWork(EntityId(customerId), new ScoreTransaction(transaction, carried, record.Key, record.Offset), record);
    }

    private RouterWork OnActivity(ConsumedRecord record)
    {
        if (!TryKey(record, out var customerId, out var invalid))
        {
            return invalid;
        }

        if (!CustomerActivityDecoder.Shared.TryDecode(record.Value, out var activity, out var error))
        {
            return DeadLetter(error, record);
        }

        if (Mismatch(record, customerId, activity.CustomerId) is { } mismatch)
        {
            return mismatch;
        }

        // Without a timestamp the record's own Kafka timestamp stands for processing time: unlike the wall clock it is the
        // same on every replay, which keeps replays deterministic.
        var eventTime = activity.Timestamp ?? EventTime.FromUnixMilliseconds(record.TimestampMs);
        return new EntityWork(EntityId(customerId), new ScoreActivity(activity, eventTime, record.Key), record);
    }

    private RouterWork OnDetails(ConsumedRecord record)
    {
        if (!TryKey(record, out var customerId, out var invalid))
        {
            return invalid;
        }

        if (record.Value is null)
        {
            return new EntityWork(EntityId(customerId), new UpdateDetails(new CustomerId(customerId), null), record);
        }

        if (!CustomerDetailsDecoder.Shared.TryDecode(record.Value, out var details, out var error))
        {
            return DeadLetter(error, record);
        }

        return Mismatch(record, customerId, details.CustomerId) ?? new EntityWork(EntityId(customerId), new UpdateDetails(details.CustomerId, details), record);
    }

    private bool TryKey(ConsumedRecord record, out long customerId, out RouterWork invalid)
    {
        if (record.Key is { } key && RecordKeys.TryParseInt64(key, out customerId))
        {
            if (record.Value is null && !string.Equals(record.Topic, _analytics.Topics.CustomerDetails, StringComparison.Ordinal))
            {
                invalid = DeadLetter("empty value (tombstone) where a record is expected", record);
                return false;
            }

            invalid = null!;
            return true;
        }

        customerId = 0;
        invalid = DeadLetter(record.Key is null ? "missing key: expected the decimal customer_id" : "invalid key: expected the decimal customer_id", record);
        return false;
    }

    private RouterWork? Mismatch(ConsumedRecord record, long key, CustomerId inValue)
    {
        if (inValue.Value == key)
        {
            return null;
        }

        _analytics.Metrics.KeyMismatch();
        return DeadLetter($"key {key} does not match customer_id {inValue.Value}", record);
    }

    private static PassWork DeadLetter(string reason, ConsumedRecord record) => new(new DeadLetterReason(reason), record);

    private string EntityId(long customerId) =>
        PartitionEntityIds.ForRecord(customerId.ToString(CultureInfo.InvariantCulture), _partition, _analytics.CustomerPartitions);

    private void Forward(MerchantTransaction forward, List<ProducerRecord> output)
    {
        if (_idleAnnounced)
        {
            // Merchant partitions believe this source idle: tell all of them it is back before its data.
            _idleAnnounced = false;
            _forwardedWatermark = Math.Max(_forwardedWatermark, forward.SourceWatermark.Ticks);
            AnnounceWatermark(output);
        }

        output.Add(new ProducerRecord(_analytics.Topics.RepartitionMerchant, MerchantKey(forward), _codec.Encode(forward)));
        _forwardedWatermark = Math.Max(_forwardedWatermark, forward.SourceWatermark.Ticks);
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

    private void AnnounceWatermark(List<ProducerRecord> output)
    {
        Announce(_codec.EncodeWatermark(_partition, new EventTime(_forwardedWatermark)), output);
        _announcedWatermark = _forwardedWatermark;
    }

    private void Announce(byte[] control, List<ProducerRecord> output)
    {
        for (var partition = 0; partition < _analytics.MerchantPartitions; partition++)
        {
            output.Add(new ProducerRecord(_analytics.Topics.RepartitionMerchant, null, control, partition));
        }
    }
}
