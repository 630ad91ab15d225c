using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Partitions.Internal;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.TestKit;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Cluster.Tests.Partitions;

/// <summary>The head of a partition's pipeline, driven with Akka.Streams.TestKit probes.</summary>
[Trait("Category", "Unit")]
public sealed class CheckpointGateTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly PartitionControl _control = new();
    private readonly PartitionStatus _status = new("counter", 0, 1, DateTimeOffset.UnixEpoch);
    private readonly KafkaMetrics _metrics = new();

    [Fact]
    public void Records_PassInOrder_ThenABarrierWithTheirNextOffsetsClosesTheGateUntilReopened()
    {
        // The barrier comes after exactly three records (max events), not after a wall-clock interval, which a loaded
        // machine could let pass between two of them (CI saw a barrier after the second).
        var (upstream, downstream) = Run(interval: TimeSpan.FromHours(1), maxEvents: 3);
        downstream.Request(10);
        upstream.SendNext(Record("t", 5));
        upstream.SendNext(Record("t", 6));
        upstream.SendNext(Record("u", 40));

        Assert.Equal([5L, 6L, 40L], [.. NextRecords(downstream, 3).Select(r => r.Offset)]);
        var barrier = NextBarrier(downstream);
        Assert.Equal(new Dictionary<string, long> { ["t"] = 7, ["u"] = 41, ["seed"] = 3 }, barrier.Offsets);
        Assert.False(barrier.Final);

        upstream.SendNext(Record("t", 7));
        ExpectNoRecord(downstream, TimeSpan.FromMilliseconds(300));
        _control.Reopen();
        Assert.Equal(7, NextRecords(downstream, 1)[0].Offset);
        Assert.Equal(4, _metrics.InFlight);
        Assert.Equal(3, _metrics.EventsIn("t"));
    }

    [Fact]
    public void Interval_WithoutRecordsSinceTheLastBarrier_SendsNoBarrier()
    {
        var (_, downstream) = Run(interval: TimeSpan.FromMilliseconds(50));
        downstream.Request(10);

        // Only ticks come (one per second): no barrier for an unchanged partition.
        var events = downstream.ReceiveWithin<PartitionEvent>(TimeSpan.FromSeconds(1.5), 10);
        Assert.All(events, e => Assert.IsType<PartitionTick>(e));
    }

    [Fact]
    public void Interval_WithoutRecordsButTheArchiveWantingACheckpoint_SendsABarrierWithTheSameOffsets()
    {
        var wanted = false;
        var (upstream, downstream) = Run(interval: TimeSpan.FromMilliseconds(50), checkpointWanted: () => Volatile.Read(ref wanted));
        downstream.Request(10);
        upstream.SendNext(Record("t", 0));
        NextRecords(downstream, 1);
        Assert.Equal(1, NextBarrier(downstream).Offsets["t"]);
        _control.Reopen();
        _control.BarrierWritten();
        ExpectNoBarrier(downstream, TimeSpan.FromMilliseconds(1200));

        // E.g. a lake file is due to close by age: the checkpoint that is due goes at the next tick at the latest.
        Volatile.Write(ref wanted, true);
        var barrier = NextBarrier(downstream);
        Assert.Equal(1, barrier.Offsets["t"]);
        Assert.False(barrier.Final);
    }

    [Fact]
    public void NextBarrier_WaitsUntilThePreviousCheckpointIsWritten()
    {
        var (upstream, downstream) = Run(interval: TimeSpan.FromMilliseconds(100));
        downstream.Request(10);
        upstream.SendNext(Record("t", 0));
        NextRecords(downstream, 1);
        NextBarrier(downstream);
        _control.Reopen();
        upstream.SendNext(Record("t", 1));
        NextRecords(downstream, 1);

        ExpectNoBarrier(downstream, TimeSpan.FromMilliseconds(500));
        _control.BarrierWritten();
        Assert.Equal(2, NextBarrier(downstream).Offsets["t"]);
    }

    [Fact]
    public void MaxEvents_Reached_SendsABarrierBeforeTheInterval()
    {
        var (upstream, downstream) = Run(interval: TimeSpan.FromHours(1), maxEvents: 2);
        downstream.Request(10);
        upstream.SendNext(Record("t", 0));
        upstream.SendNext(Record("t", 1));
        upstream.SendNext(Record("t", 2));

        NextRecords(downstream, 2);
        Assert.Equal(2, NextBarrier(downstream).Offsets["t"]);
    }

    [Fact]
    public void FinalBarrier_Requested_IsTheLastElementAndTheStreamCompletes()
    {
        var (upstream, downstream) = Run(interval: TimeSpan.FromHours(1));
        downstream.Request(10);
        upstream.SendNext(Record("t", 0));
        NextRecords(downstream, 1);

        _control.RequestFinal();

        var barrier = NextBarrier(downstream);
        Assert.True(barrier.Final);
        Assert.Equal(1, barrier.Offsets["t"]);
        downstream.ExpectComplete();
    }

    [Fact]
    public void Ticks_WhileTheGateWaitsForInputAndTheConsumerIsAtTheEnd_CarryTheWait()
    {
        var time = new FakeTimeProvider();
        var (upstream, downstream) = Run(interval: TimeSpan.FromHours(1), time: time, atEnd: () => true);
        downstream.Request(1_000);

        // The fake clock moves a second per tick; once the gate has pulled (an async boundary may request input before it
        // does) every second of it is waiting, and the waits add up to no more than the clock moved.
        var waited = TimeSpan.Zero;
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 30 && waited < TimeSpan.FromSeconds(5); i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            waited += Assert.IsType<PartitionTick>(downstream.ExpectNext(Timeout)).InputWait;
        }

        Assert.True(waited >= TimeSpan.FromSeconds(5), $"ticks reported {waited} of waiting in {advanced}");
        Assert.True(waited <= advanced, $"ticks reported {waited} of waiting, more than the {advanced} that passed");
    }

    [Fact]
    public void Ticks_AfterTheGateWasBackpressured_CarryNoWait()
    {
        var time = new FakeTimeProvider();
        var (upstream, downstream) = Run(interval: TimeSpan.FromHours(1), time: time, atEnd: () => true);
        downstream.Request(1);
        upstream.ExpectRequest();
        upstream.SendNext(Record("t", 0));
        NextRecords(downstream, 1);

        // No demand: the gate is not waiting for input, however long it takes.
        time.Advance(TimeSpan.FromSeconds(30));
        downstream.Request(100);
        var ticks = downstream.ReceiveWithin<PartitionEvent>(TimeSpan.FromSeconds(2.5), 100).OfType<PartitionTick>().ToList();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Equal(TimeSpan.Zero, t.InputWait));
    }

    [Fact]
    public void Ticks_WhileTheConsumerHasNotReadToTheEnd_CarryNoWait()
    {
        var time = new FakeTimeProvider();
        var atEnd = false;
        var (upstream, downstream) = Run(interval: TimeSpan.FromHours(1), time: time, atEnd: () => Volatile.Read(ref atEnd));
        downstream.Request(100);
        upstream.ExpectRequest();

        // Fetching a backlog is not waiting for data.
        time.Advance(TimeSpan.FromSeconds(30));
        var ticks = downstream.ReceiveWithin<PartitionEvent>(TimeSpan.FromSeconds(2.5), 100).OfType<PartitionTick>().ToList();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Equal(TimeSpan.Zero, t.InputWait));

        Volatile.Write(ref atEnd, true);
        time.Advance(TimeSpan.FromSeconds(4));
        var waited = TimeSpan.Zero;
        while (waited < TimeSpan.FromSeconds(4))
        {
            waited += Assert.IsType<PartitionTick>(downstream.ExpectNext(Timeout)).InputWait;
        }

        Assert.Equal(TimeSpan.FromSeconds(4), waited);
    }

    private (TestPublisher.Probe<ConsumedRecord> Upstream, TestSubscriber.Probe<PartitionEvent> Downstream) Run(
        TimeSpan interval, int maxEvents = 50_000, TimeProvider? time = null, Func<bool>? atEnd = null, Func<bool>? checkpointWanted = null)
    {
        var settings = new CheckpointGate.GateSettings(
            new Dictionary<string, long> { ["seed"] = 3 }, () => interval, maxEvents, _control, _status, _metrics, time ?? TimeProvider.System, atEnd ?? (() => true),
            checkpointWanted);
        return this.SourceProbe<ConsumedRecord>()
            .Via(new CheckpointGate(settings))
            .ToMaterialized(this.SinkProbe<PartitionEvent>(), Keep.Both)
            .Run(Sys.Materializer());
    }

    private static ConsumedRecord Record(string topic, long offset) => new(topic, 0, offset, null, [1], 0);

    private static List<ConsumedRecord> NextRecords(TestSubscriber.Probe<PartitionEvent> downstream, int count)
    {
        var records = new List<ConsumedRecord>();
        while (records.Count < count)
        {
            switch (downstream.ExpectNext(Timeout))
            {
                case RecordArrived arrived:
                    records.Add(arrived.Record);
                    break;
                case CheckpointBarrier barrier:
                    throw new Xunit.Sdk.XunitException($"expected a record, got barrier {barrier.Id}");
            }
        }

        return records;
    }

    private static CheckpointBarrier NextBarrier(TestSubscriber.Probe<PartitionEvent> downstream)
    {
        while (true)
        {
            switch (downstream.ExpectNext(Timeout))
            {
                case CheckpointBarrier barrier:
                    return barrier;
                case RecordArrived arrived:
                    throw new Xunit.Sdk.XunitException($"expected a barrier, got record {arrived.Record}");
            }
        }
    }

    private static void ExpectNoRecord(TestSubscriber.Probe<PartitionEvent> downstream, TimeSpan within) =>
        Assert.DoesNotContain(downstream.ReceiveWithin<PartitionEvent>(within, 10), e => e is RecordArrived);

    private static void ExpectNoBarrier(TestSubscriber.Probe<PartitionEvent> downstream, TimeSpan within) =>
        Assert.DoesNotContain(downstream.ReceiveWithin<PartitionEvent>(within, 10), e => e is CheckpointBarrier);
}
