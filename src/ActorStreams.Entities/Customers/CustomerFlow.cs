using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Loans;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Internal;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Customers;

/// <summary>
/// The customer steps of partition p's pipeline: partition p of <c>transactions</c>, <c>customer-activity</c>,
/// <c>customer-details</c>, <c>loan-applications</c> and <c>customer-events</c>. Dispatch decodes and validates each record (or dead-letters
/// it) and gives each transaction the partition's watermark; forward produces the customers' outputs and, being the
/// merchant side's upstream source p, forwards scored transactions to <c>actorstreams-repartition-merchant</c> in offset
/// order and announces the watermark, or that the partition is idle, to every merchant partition with control records
/// that never overtake the data they cover (docs/design.md §6). Accepted customer events (and the churn-model scores they
/// produced) go the same way, keyed by category (and <c>segments</c>), to the funnel windows, with a funnel watermark of
/// their own that only customer events move (§6, Funnel and segments): transactions forward nothing more.
/// </summary>
internal sealed class CustomerFlow : PartitionFlow
{
    private const byte ForwardStateVersion = 3;
    private const byte DispatchStateVersion = 0xA3; // distinct from CustomerPartitionWatermark's 1, which version 1 held alone
    private const byte DispatchStateVersion2 = 0xA2; // merchant and loan watermarks, before the funnel's

    private readonly AnalyticsServices _analytics;
    private readonly int _partition;
    private readonly MerchantRecordCodec _codec = new();
    private readonly LoanRecordCodec _loanCodec = new();
    private readonly CustomerEventParser _eventParser = new();
    private readonly Dictionary<string, byte[]> _merchantKeys = new(StringComparer.Ordinal);
    private readonly CustomerPartitionWatermark _watermark;
    private readonly CustomerPartitionWatermark _loanWatermark;
    private readonly CustomerPartitionWatermark _funnelWatermark;
    private readonly FunnelRecordCodec _funnelCodec = new();
    private readonly Dictionary<string, byte[]> _categoryKeys = new(StringComparer.Ordinal);
    private readonly DownstreamOutlet _merchants;
    private readonly DownstreamOutlet _loans;
    private readonly DownstreamOutlet _funnel;
    private readonly long _maxAheadTicks;

    public CustomerFlow(PartitionContext context, AnalyticsServices analytics)
        : base(context)
    {
        _analytics = analytics;
        _partition = context.Partition;
        _maxAheadTicks = context.Services.Kafka.Consumer.MaxTimestampAhead.Ticks;
        var settings = analytics.Settings.Merchant;
        (_watermark, _loanWatermark, _funnelWatermark) = context.DispatchState is { } dispatch
            ? ReadWatermarks(dispatch, _partition, settings)
            : (new CustomerPartitionWatermark(_partition, settings), new CustomerPartitionWatermark(_partition, settings), new CustomerPartitionWatermark(_partition, settings));
        long merchantsForwarded = long.MinValue, loansForwarded = long.MinValue, funnelForwarded = long.MinValue;
        if (context.ForwardState is { } forward)
        {
            // The announced watermarks are not restored: downstream partitions may have missed the last announcement.
            (merchantsForwarded, loansForwarded, funnelForwarded) = forward switch
            {
                [1, ..] when forward.Length == 9 => (BinaryPrimitives.ReadInt64LittleEndian(forward.AsSpan(1)), long.MinValue, long.MinValue),
                [2, ..] when forward.Length == 17 =>
                    (BinaryPrimitives.ReadInt64LittleEndian(forward.AsSpan(1)), BinaryPrimitives.ReadInt64LittleEndian(forward.AsSpan(9)), long.MinValue),
                [ForwardStateVersion, ..] when forward.Length == 25 =>
                    (BinaryPrimitives.ReadInt64LittleEndian(forward.AsSpan(1)), BinaryPrimitives.ReadInt64LittleEndian(forward.AsSpan(9)),
                        BinaryPrimitives.ReadInt64LittleEndian(forward.AsSpan(17))),
                _ => throw new InvalidDataException($"customer partition {_partition}: unknown forward state version {(forward.Length == 0 ? -1 : forward[0])}"),
            };
        }

        var partition = _partition;
        _merchants = new DownstreamOutlet(analytics.Topics.RepartitionMerchant, analytics.MerchantPartitions,
            watermark => _codec.EncodeWatermark(partition, watermark), () => _codec.EncodeIdle(partition)) { Forwarded = merchantsForwarded };
        _loans = new DownstreamOutlet(analytics.Topics.RepartitionLoans, analytics.LoanPartitions,
            watermark => _loanCodec.EncodeWatermark(partition, watermark, partial: false), () => _loanCodec.EncodeIdle(partition, partial: false))
        {
            Forwarded = loansForwarded,
        };
        _funnel = new DownstreamOutlet(analytics.Topics.RepartitionMerchant, analytics.MerchantPartitions,
            watermark => _funnelCodec.EncodeWatermark(partition, watermark), () => _funnelCodec.EncodeIdle(partition)) { Forwarded = funnelForwarded };
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
            output.Add(OnLoanApplication(record));
            return;
        }

        if (string.Equals(topic, topics.CustomerEvents, StringComparison.Ordinal))
        {
            output.Add(OnCustomerEvent(record));
            return;
        }

        output.Add(DeadLetter($"topic \"{topic}\" is not an input of the customer entities", DeadLetterCause.UnknownTopic, record));
    }

    protected override object? OnTick(TimeSpan inputWait) =>
        new CustomerTick(_watermark.Poll(inputWait), _loanWatermark.Poll(inputWait), _funnelWatermark.Poll(inputWait));

    protected override void ForwardWork(RoutedWork routed, List<ProducerRecord> output)
    {
        switch (routed.Work)
        {
            case EntityWork when routed.Results is [CustomerOutcome outcome]:
                output.AddRange(outcome.Outputs);
                if (outcome.Forward is { } forward)
                {
                    _merchants.Forward(new ProducerRecord(_analytics.Topics.RepartitionMerchant, MerchantKey(forward), _codec.Encode(forward)), forward.SourceWatermark, output);
                }

                if (outcome.LoanForward is { } loan)
                {
                    var key = Encoding.UTF8.GetBytes(LoanWindowKeys.Device(loan.DeviceId));
                    _loans.Forward(new ProducerRecord(_analytics.Topics.RepartitionLoans, key, _loanCodec.EncodeApplication(loan)), loan.SourceWatermark, output);
                }

                break;
            case EntityWork when routed.Results is [CustomerEventOutcome accepted]:
                output.AddRange(accepted.Outputs);
                var topic = _analytics.Topics.RepartitionMerchant;
                var funnel = accepted.Funnel;
                _funnel.Forward(new ProducerRecord(topic, CategoryKey(funnel.Category), _funnelCodec.Encode(funnel)), funnel.SourceWatermark, output);
                if (accepted.Score is { } score)
                {
                    _funnel.Forward(new ProducerRecord(topic, FunnelRecordCodec.ScoreKey, _funnelCodec.Encode(score)), score.SourceWatermark, output);
                }

                break;
            case TickWork { Signal: CustomerTick tick }:
                _merchants.OnSignal(tick.Merchants, output);
                _loans.OnSignal(tick.Loans, output);
                _funnel.OnSignal(tick.Funnel, output);
                break;
        }
    }

    protected override bool IsDuplicate(RoutedWork routed) => routed.Results is [CustomerOutcome { Duplicate: true }];

    protected override byte[]? SaveDispatchState()
    {
        var merchants = new ArrayBufferWriter<byte>(32);
        _watermark.Write(merchants);
        var loans = new ArrayBufferWriter<byte>(32);
        _loanWatermark.Write(loans);
        var funnel = new ArrayBufferWriter<byte>(32);
        _funnelWatermark.Write(funnel);
        var state = new byte[1 + 4 + merchants.WrittenCount + 4 + loans.WrittenCount + funnel.WrittenCount];
        state[0] = DispatchStateVersion;
        BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(1), merchants.WrittenCount);
        merchants.WrittenSpan.CopyTo(state.AsSpan(5));
        var at = 5 + merchants.WrittenCount;
        BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(at), loans.WrittenCount);
        loans.WrittenSpan.CopyTo(state.AsSpan(at + 4));
        funnel.WrittenSpan.CopyTo(state.AsSpan(at + 4 + loans.WrittenCount));
        return state;
    }

    protected override byte[]? SaveForwardState()
    {
        var state = new byte[25];
        state[0] = ForwardStateVersion;
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(1), _merchants.Forwarded);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(9), _loans.Forwarded);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(17), _funnel.Forwarded);
        return state;
    }

    /// <summary>
    /// The merchant, loan and funnel watermarks of a dispatch state: version 0xA3 holds all three (the first two with their
    /// lengths), 0xA2 the merchant and loan ones, and a version-1 state the merchant one alone; the missing start empty.
    /// </summary>
    private static (CustomerPartitionWatermark Merchants, CustomerPartitionWatermark Loans, CustomerPartitionWatermark Funnel) ReadWatermarks(
        byte[] state, int partition, MerchantWindowSettings settings)
    {
        if (state.Length > 5 && state[0] is DispatchStateVersion or DispatchStateVersion2)
        {
            var merchants = Section(state, 1, partition, "merchant");
            var rest = merchants.End;
            if (state[0] == DispatchStateVersion2)
            {
                return (CustomerPartitionWatermark.Read(merchants.Bytes, settings), CustomerPartitionWatermark.Read(state.AsSpan(rest), settings),
                    new CustomerPartitionWatermark(partition, settings));
            }

            var loans = Section(state, rest, partition, "loan");
            return (CustomerPartitionWatermark.Read(merchants.Bytes, settings), CustomerPartitionWatermark.Read(loans.Bytes, settings),
                CustomerPartitionWatermark.Read(state.AsSpan(loans.End), settings));
        }

        return (CustomerPartitionWatermark.Read(state, settings), new CustomerPartitionWatermark(partition, settings), new CustomerPartitionWatermark(partition, settings));
    }

    /// <summary>A length-prefixed watermark of a dispatch state at <paramref name="at"/>, and where the next one starts.</summary>
    private static (byte[] Bytes, int End) Section(byte[] state, int at, int partition, string name)
    {
        var length = at + 4 <= state.Length ? BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(at)) : -1;
        if (length < 0 || at + 4 + length > state.Length)
        {
            throw new InvalidDataException($"customer partition {partition}: corrupt dispatch state ({name} watermark of {length} bytes)");
        }

        return (state.AsSpan(at + 4, length).ToArray(), at + 4 + length);
    }

    private RouterWork OnTransaction(ConsumedRecord record)
    {
        if (!TryKey(record, out var customerId, out var invalid))
        {
            return invalid;
        }

        if (!TransactionDecoder.Shared.TryDecode(record.Value, out var transaction, out var error))
        {
            return DeadLetter(error, DecodeFailures.Classify(record.Value), record);
        }

        if ((Mismatch(record, customerId, transaction.CustomerId) ?? TooFarAhead(record, transaction.Timestamp)) is { } invalidRecord)
        {
            return invalidRecord;
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
            return DeadLetter(error, DecodeFailures.Classify(record.Value), record);
        }

        if ((Mismatch(record, customerId, activity.CustomerId) ?? (activity.Timestamp is { } time ? TooFarAhead(record, time) : null)) is { } invalidRecord)
        {
            return invalidRecord;
        }

        // Without a timestamp the record's own Kafka timestamp stands for processing time: unlike the wall clock it is the
        // same on every replay, which keeps replays deterministic.
        var eventTime = activity.Timestamp ?? EventTime.FromUnixMilliseconds(record.TimestampMs);
        return new EntityWork(EntityId(customerId), new ScoreActivity(activity, eventTime, record.Key), record);
    }

    private RouterWork OnLoanApplication(ConsumedRecord record)
    {
        if (!TryKey(record, out var customerId, out var invalid))
        {
            return invalid;
        }

        if (!LoanApplicationDecoder.Shared.TryDecode(record.Value, out var application, out var error))
        {
            return DeadLetter(error, DecodeFailures.Classify(record.Value), record);
        }

        if ((Mismatch(record, customerId, application.CustomerId) ?? TooFarAhead(record, application.Timestamp)) is { } invalidRecord)
        {
            return invalidRecord;
        }

        var carried = _loanWatermark.ObserveRecord(application.Timestamp);
        return new EntityWork(EntityId(customerId), new ScoreLoanApplication(application, carried, record.Key, record.Offset), record);
    }

    private RouterWork OnCustomerEvent(ConsumedRecord record)
    {
        if (!TryKey(record, out var customerId, out var invalid))
        {
            return invalid;
        }

        if (!_eventParser.TryParse(record.Value, out var customerEvent, out var error, out _))
        {
            return DeadLetter(error, DecodeFailures.Classify(record.Value), record);
        }

        if ((Mismatch(record, customerId, customerEvent.CustomerId) ?? TooFarAhead(record, customerEvent.Timestamp)) is { } invalidRecord)
        {
            return invalidRecord;
        }

        var carried = _funnelWatermark.ObserveRecord(customerEvent.Timestamp);
        return new EntityWork(EntityId(customerId), new ScoreCustomerEvent(customerEvent, carried, record.Key, record.Offset), record);
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
            return DeadLetter(error, DecodeFailures.Classify(record.Value), record);
        }

        return Mismatch(record, customerId, details.CustomerId) ?? new EntityWork(EntityId(customerId), new UpdateDetails(details.CustomerId, details), record);
    }

    private bool TryKey(ConsumedRecord record, out long customerId, out RouterWork invalid)
    {
        if (record.Key is { } key && RecordKeys.TryParseInt64(key, out customerId))
        {
            if (record.Value is null && !string.Equals(record.Topic, _analytics.Topics.CustomerDetails, StringComparison.Ordinal))
            {
                invalid = DeadLetter("empty value (tombstone) where a record is expected", DeadLetterCause.NotJson, record);
                return false;
            }

            invalid = null!;
            return true;
        }

        customerId = 0;
        invalid = DeadLetter(record.Key is null ? "missing key: expected the decimal customer_id" : "invalid key: expected the decimal customer_id", DeadLetterCause.InvalidKey, record);
        return false;
    }

    private RouterWork? Mismatch(ConsumedRecord record, long key, CustomerId inValue)
    {
        if (inValue.Value == key)
        {
            return null;
        }

        _analytics.Metrics.KeyMismatch();
        return DeadLetter($"key {key} does not match customer_id {inValue.Value}", DeadLetterCause.InvalidKey, record);
    }

    /// <summary>
    /// A dead letter when the event time is more than <c>max-timestamp-ahead</c> after the record's Kafka timestamp: one
    /// such record would move the partition's watermarks past every open window. Decided on the record alone, so every
    /// replay decides the same.
    /// </summary>
    private PassWork? TooFarAhead(ConsumedRecord record, EventTime eventTime)
    {
        if (_maxAheadTicks == 0 || record.TimestampMs <= 0)
        {
            return null;
        }

        var recordTime = EventTime.FromUnixMilliseconds(record.TimestampMs);
        return eventTime.Ticks - recordTime.Ticks > _maxAheadTicks
            ? DeadLetter(
                $"field \"timestamp\" {eventTime.ToIsoString()} is more than actorstreams.kafka.consumer.max-timestamp-ahead " +
                $"({TimeSpan.FromTicks(_maxAheadTicks).ToString("c", CultureInfo.InvariantCulture)}) after the record's Kafka timestamp {recordTime.ToIsoString()}",
                DeadLetterCause.TimestampAhead,
                record)
            : null;
    }

    private static PassWork DeadLetter(string reason, DeadLetterCause cause, ConsumedRecord record) => new(new DeadLetterReason(reason, cause), record);

    private string EntityId(long customerId) =>
        PartitionEntityIds.ForRecord(customerId.ToString(CultureInfo.InvariantCulture), _partition, _analytics.CustomerPartitions);

    /// <summary>The repartition key of a forward: its merchant id.</summary>
    private byte[] MerchantKey(MerchantTransaction forward) => EncodedKey(_merchantKeys, forward.MerchantId.Value, 100_000);

    /// <summary>The repartition key of a funnel forward: its category.</summary>
    private byte[] CategoryKey(string category) => EncodedKey(_categoryKeys, category, 10_000);

    /// <summary>
    /// <paramref name="id"/> as UTF-8, from <paramref name="cache"/>: merchants and categories are few and recur, so each
    /// key is encoded once (a cache that reaches <paramref name="limit"/> starts again).
    /// </summary>
    private static byte[] EncodedKey(Dictionary<string, byte[]> cache, string id, int limit)
    {
        if (!cache.TryGetValue(id, out var key))
        {
            if (cache.Count >= limit)
            {
                cache.Clear();
            }

            key = Encoding.UTF8.GetBytes(id);
            cache[id] = key;
        }

        return key;
    }

    /// <summary>A tick's watermark signals, one per downstream tier.</summary>
    private sealed record CustomerTick(WatermarkSignal Merchants, WatermarkSignal Loans, WatermarkSignal Funnel);
}
