using ActorStreams.Kafka.GroupSource;

namespace ActorStreams.Kafka.Tests.GroupSource;

[Trait("Category", "Unit")]
public sealed class OffsetTrackerTests
{
    [Fact]
    public void CommittableOffset_NothingKnown_IsNull()
    {
        var tracker = new OffsetTracker();

        Assert.Null(tracker.CommittableOffset);
    }

    [Fact]
    public void CommittableOffset_AfterReset_IsTheStartOffset()
    {
        var tracker = new OffsetTracker();

        tracker.Reset(42);

        Assert.Equal(42, tracker.CommittableOffset);
    }

    [Fact]
    public void Complete_OutOfOrder_AdvancesOnlyOverTheContiguousPrefix()
    {
        var tracker = new OffsetTracker();
        tracker.Reset(10);
        foreach (var offset in new long[] { 10, 11, 12, 13, 14 })
        {
            tracker.Dispatched(offset);
        }

        Assert.False(tracker.Complete(12));
        Assert.False(tracker.Complete(13));
        Assert.Equal(10, tracker.CommittableOffset);

        Assert.True(tracker.Complete(10));
        Assert.Equal(11, tracker.CommittableOffset);

        Assert.True(tracker.Complete(11));
        Assert.Equal(14, tracker.CommittableOffset);
        Assert.Equal(1, tracker.Pending);

        Assert.True(tracker.Complete(14));
        Assert.Equal(15, tracker.CommittableOffset);
        Assert.Equal(0, tracker.Pending);
    }

    [Fact]
    public void Complete_OffsetsWithGaps_CommitsUpToTheOldestPendingOffset()
    {
        // Compaction and transaction markers leave gaps: the next record, not offset+1, bounds the commit.
        var tracker = new OffsetTracker();
        tracker.Dispatched(100);
        tracker.Dispatched(105);
        tracker.Dispatched(230);

        tracker.Complete(100);
        Assert.Equal(105, tracker.CommittableOffset);

        tracker.Complete(230);
        Assert.Equal(105, tracker.CommittableOffset);

        tracker.Complete(105);
        Assert.Equal(231, tracker.CommittableOffset);
    }

    [Fact]
    public void Complete_TwiceOrUnknown_ChangesNothing()
    {
        var tracker = new OffsetTracker();
        tracker.Dispatched(0);
        tracker.Dispatched(1);

        Assert.True(tracker.Complete(0));
        Assert.False(tracker.Complete(0));
        Assert.False(tracker.Complete(7));

        Assert.Equal(1, tracker.CommittableOffset);
        Assert.Equal(1, tracker.Pending);
    }

    [Fact]
    public void Dispatched_NotIncreasing_Throws()
    {
        var tracker = new OffsetTracker();
        tracker.Dispatched(5);

        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Dispatched(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Dispatched(4));
    }

    [Fact]
    public void Dispatched_BeyondCapacityWithWrappedRing_KeepsOrder()
    {
        var tracker = new OffsetTracker(initialCapacity: 4);
        for (var offset = 0; offset < 3; offset++)
        {
            tracker.Dispatched(offset);
        }

        tracker.Complete(0);
        tracker.Complete(1);

        // The ring has wrapped (head at 2); growing must keep offsets in order.
        for (var offset = 3; offset < 20; offset++)
        {
            tracker.Dispatched(offset);
        }

        for (var offset = 19; offset >= 3; offset--)
        {
            tracker.Complete(offset);
        }

        Assert.Equal(2, tracker.CommittableOffset);
        Assert.True(tracker.Complete(2));
        Assert.Equal(20, tracker.CommittableOffset);
    }

    [Fact]
    public async Task Complete_ConcurrentlyInRandomOrder_EndsAfterTheLastOffset()
    {
        const int Count = 20_000;
        var tracker = new OffsetTracker();
        for (var offset = 0; offset < Count; offset++)
        {
            tracker.Dispatched(offset);
        }

        var order = Enumerable.Range(0, Count).ToArray();
        new Random(7).Shuffle(order);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = worker; i < Count; i += 4)
            {
                tracker.Complete(order[i]);
            }
        })));

        Assert.Equal(Count, tracker.CommittableOffset);
        Assert.Equal(0, tracker.Pending);
    }
}
