using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorStreams.Cluster;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Funnel;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Customers;
using ActorStreams.Entities.Merchants;
using ActorStreams.Entities.Offers;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence.Ledger;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Entities.Tests.Merchants;

/// <summary>
/// The funnel's partition steps (docs/design.md §6, Funnel and segments) driven directly: merchant partitions keep the
/// funnel windows in their stream state and emit them when the funnel watermark closes them; both flows read the state
/// formats written before the funnel.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FunnelFlowTests
{
    private static readonly EventTime Minute = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 5, 17, 0, TimeSpan.Zero));
    private static readonly KafkaTopics Topics = KafkaTopics.Default;
    private static readonly EventTime Earlier = Minute - TimeSpan.FromMinutes(10);
    private readonly FunnelRecordCodec _codec = new();
    private readonly AnalyticsServices _analytics = new()
    {
        Settings = EntitiesSettings.Default,
        Metrics = new EntityMetrics(),
        Offers = new OfferTable(),
        Topics = Topics,
        CustomerPartitions = 2,
        MerchantPartitions = 3,
        LoanPartitions = 2,
        Time = TimeProvider.System,
    };

    private readonly PartitionServices _services = new()
    {
        NodeId = "flow-tests",
        Cluster = ClusterSettings.Default,
        Kafka = KafkaSettings.Default,
        Consumer = null!,
        Producer = null!,
        Ledger = LedgerSettings.Default,
        Pacer = new CheckpointPacer(ClusterSettings.Default, TimeProvider.System),
        ShardMetrics = new ShardMetrics(),
        KafkaMetrics = new KafkaMetrics(),
        LoggerFactory = NullLoggerFactory.Instance,
        Time = TimeProvider.System,
    };

    private long _offset;

    [Fact]
    public void MerchantFlow_FunnelWatermarkOfEverySourcePassesTheWindow_EmitsItOnceToFunnelMetrics()
    {
        var flow = Merchant(null);
        Run(flow, Event("books", source: 0, Minute + TimeSpan.FromSeconds(5), CustomerEventType.View));
        Run(flow, Event("books", source: 1, Minute + TimeSpan.FromSeconds(6), CustomerEventType.Purchase));

        var early = Run(flow, Control(_codec.EncodeWatermark(0, Minute + TimeSpan.FromMinutes(2))));
        var closing = Run(flow, Control(_codec.EncodeWatermark(1, Minute + TimeSpan.FromMinutes(1))));
        var again = Run(flow, Control(_codec.EncodeWatermark(1, Minute + TimeSpan.FromMinutes(1.5))));

        Assert.Empty(early); // source 1 still holds the funnel watermark back
        var record = Assert.Single(closing);
        Assert.Equal((Topics.FunnelMetrics, "books"), (record.Topic, Encoding.UTF8.GetString(record.Key!)));
        Assert.Contains("\"metric_id\":\"books:2026-11-22T05:17:00.000Z\"", Encoding.UTF8.GetString(record.Value), StringComparison.Ordinal);
        Assert.Contains("\"viewers\":1,\"carters\":0,\"purchasers\":1,", Encoding.UTF8.GetString(record.Value), StringComparison.Ordinal);
        Assert.Empty(again);
        Assert.Equal(1, _analytics.Metrics.FunnelMetrics);
    }

    [Fact]
    public void MerchantFlow_EveryFunnelSourceIdle_EmitsScoresToChurnSegments()
    {
        var flow = Merchant(null);
        var score = new FunnelScore
        {
            EventId = "e-1",
            CustomerId = 9,
            EventTime = Minute,
            Score = 0.8,
            Threshold = 0.5,
            ModelVersion = "v1",
            SourcePartition = 0,
            SourceOffset = 1,
            SourceWatermark = Earlier,
        };
        Run(flow, new ConsumedRecord(Topics.RepartitionMerchant, 0, ++_offset, FunnelRecordCodec.ScoreKey, _codec.Encode(score), 0));
        Run(flow, Control(_codec.EncodeIdle(0)));

        var record = Assert.Single(Run(flow, Control(_codec.EncodeIdle(1))));

        Assert.Equal(Topics.ChurnSegments, record.Topic);
        Assert.StartsWith("{\"metric_id\":\"segments:2026-11-22T05:17:00.000Z\",", Encoding.UTF8.GetString(record.Value), StringComparison.Ordinal);
        Assert.Contains("\"scored\":1,\"high\":1,", Encoding.UTF8.GetString(record.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void MerchantFlow_FunnelEventUnderAnotherKey_IsDeadLettered()
    {
        var flow = Merchant(null);
        var value = _codec.Encode(FunnelEvent.From(Shop("books", CustomerEventType.View, Minute), 0, 1, Earlier));

        var outputs = Run(flow, new ConsumedRecord(Topics.RepartitionMerchant, 0, 1, "toys"u8.ToArray(), value, 0));

        var dead = Assert.Single(outputs);
        Assert.Equal(Topics.DeadLetter, dead.Topic);
        Assert.Equal("key does not match category \"books\"", System.Text.Json.JsonDocument.Parse(dead.Value).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void MerchantFlow_Checkpoint_KeepsOpenFunnelWindowsAndBothWatermarks()
    {
        var flow = Merchant(null);
        Run(flow, Event("books", source: 0, Minute + TimeSpan.FromSeconds(5), CustomerEventType.AddToCart));
        Run(flow, Control(_codec.EncodeWatermark(1, Minute + TimeSpan.FromMinutes(5))));

        var restored = Merchant(Barrier(flow).DispatchState);
        var record = Assert.Single(Run(restored, Control(_codec.EncodeWatermark(0, Minute + TimeSpan.FromMinutes(1)))));

        Assert.Contains("\"add_to_carts\":1,", Encoding.UTF8.GetString(record.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void MerchantFlow_VersionOneDispatchState_KeepsTheMerchantWatermarksAndStartsTheFunnelEmpty()
    {
        var watermarks = new MerchantPartitionWatermarks(2);
        watermarks.OnWatermark(0, Minute);
        var versionOne = new ArrayBufferWriter<byte>();
        watermarks.Write(versionOne);

        var state = Barrier(Merchant(versionOne.WrittenSpan.ToArray())).DispatchState!;

        Assert.Equal(0xB2, state[0]);
        var length = MerchantPartitionWatermarks.SnapshotLength(state.AsSpan(1));
        Assert.Equal(Minute, MerchantPartitionWatermarks.Read(state.AsSpan(1, length), 2).SourceWatermark(0));
        Assert.Equal(0, FunnelWindowState.Read(state.AsSpan(1 + length + MerchantPartitionWatermarks.SnapshotLength(state.AsSpan(1 + length))), MerchantWindowSettings.Default).OpenWindowCount);
    }

    [Fact]
    public void CustomerFlow_StatesWrittenBeforeTheFunnel_AreReadAndRewrittenWithTheFunnelWatermark()
    {
        var settings = _analytics.Settings.Merchant;
        var merchants = new CustomerPartitionWatermark(0, settings);
        merchants.ObserveRecord(Minute);
        var loans = new CustomerPartitionWatermark(0, settings);
        var m = new ArrayBufferWriter<byte>();
        merchants.Write(m);
        var l = new ArrayBufferWriter<byte>();
        loans.Write(l);
        var dispatch = new byte[5 + m.WrittenCount + l.WrittenCount];
        dispatch[0] = 0xA2;
        BinaryPrimitives.WriteInt32LittleEndian(dispatch.AsSpan(1), m.WrittenCount);
        m.WrittenSpan.CopyTo(dispatch.AsSpan(5));
        l.WrittenSpan.CopyTo(dispatch.AsSpan(5 + m.WrittenCount));
        var forward = new byte[17];
        forward[0] = 2;
        BinaryPrimitives.WriteInt64LittleEndian(forward.AsSpan(1), (Minute - TimeSpan.FromSeconds(10)).Ticks);
        BinaryPrimitives.WriteInt64LittleEndian(forward.AsSpan(9), long.MinValue);
        var flow = new CustomerFlow(new PartitionContext(CustomerKind.KindName, 0, _services, dispatch, forward), _analytics);

        // The restored merchant watermark is announced again; nothing was ever forwarded to the funnel, so it announces nothing.
        var announced = Tick(flow);
        var barrier = Barrier(flow);

        Assert.Equal(_analytics.MerchantPartitions, announced.Count);
        Assert.All(announced, r => Assert.Equal(Topics.RepartitionMerchant, r.Topic));
        Assert.All(announced, r => Assert.False(FunnelRecordCodec.IsFunnelRecord(r.Value)));
        Assert.Equal(0xA3, barrier.DispatchState![0]);
        Assert.Equal((3, 25), (barrier.ForwardState![0], barrier.ForwardState.Length));
        var again = new CustomerFlow(new PartitionContext(CustomerKind.KindName, 0, _services, barrier.DispatchState, barrier.ForwardState), _analytics);
        Assert.Equal(_analytics.MerchantPartitions, Tick(again).Count);
    }

    private static CustomerEvent Shop(string category, CustomerEventType type, EventTime time) => new()
    {
        EventId = $"e-{time.Ticks}",
        CustomerId = new CustomerId(7),
        SessionId = "s",
        Timestamp = time,
        Type = type,
        ProductId = "p-1",
        Category = category,
        Price = 4.50m,
        Quantity = 1,
        Device = "mobile",
    };

    private MerchantFlow Merchant(byte[]? dispatchState) =>
        new(new PartitionContext(MerchantKind.KindName, 0, _services, dispatchState, null), _analytics);

    private ConsumedRecord Event(string category, int source, EventTime time, CustomerEventType type)
    {
        var forward = FunnelEvent.From(Shop(category, type, time) with { CustomerId = new CustomerId(source + 1) }, source, ++_offset, Earlier);
        return new ConsumedRecord(Topics.RepartitionMerchant, 0, _offset, Encoding.UTF8.GetBytes(category), _codec.Encode(forward), 0);
    }

    private ConsumedRecord Control(byte[] value) => new(Topics.RepartitionMerchant, 0, ++_offset, null, value, 0);

    /// <summary>Dispatches a record and forwards what needs no entity (funnel records, control records, dead letters): the records produced.</summary>
    private static List<ProducerRecord> Run(PartitionFlow flow, ConsumedRecord record) => Forward(flow, new RecordArrived(record));

    private static List<ProducerRecord> Tick(PartitionFlow flow) => Forward(flow, new PartitionTick(TimeSpan.Zero));

    private static List<ProducerRecord> Forward(PartitionFlow flow, PartitionEvent e)
    {
        var work = new List<RouterWork>();
        flow.Dispatch(e, work);
        return [.. work.SelectMany(w => flow.Forward(new RoutedWork(w)).Records)];
    }

    private static CheckpointBarrier Barrier(PartitionFlow flow)
    {
        var barrier = new CheckpointBarrier(1, final: false, new Dictionary<string, long>(), DateTimeOffset.UnixEpoch);
        var work = new List<RouterWork>();
        flow.Dispatch(barrier, work);
        flow.Forward(new RoutedWork(Assert.Single(work)));
        return barrier;
    }
}
