using ActorStreams.Actors.Internal;

namespace ActorStreams.Actors.Tests.Internal;

[Trait("Category", "Unit")]
public sealed class MessageQueueTests
{
    private sealed class Holder
    {
        public MessageQueue Queue;
    }

    [Fact]
    public void MessageQueue_Empty_DequeuesNothingAndHasNoPending()
    {
        var holder = new Holder();

        Assert.False(holder.Queue.TryDequeue(out _));
        Assert.False(holder.Queue.HasPending());
        Assert.Equal(0, holder.Queue.SegmentCount());
    }

    [Fact]
    public void MessageQueue_SingleThread_IsFifoAcrossSegmentGrowth()
    {
        var holder = new Holder();
        var sender = new Holder();
        for (var i = 0; i < 10_000; i++)
        {
            holder.Queue.Enqueue(i, null);
        }

        Assert.True(holder.Queue.HasPending());
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(holder.Queue.TryDequeue(out var envelope));
            Assert.Equal(i, envelope.Message);
        }

        Assert.False(holder.Queue.TryDequeue(out _));
        Assert.False(holder.Queue.HasPending());
        Assert.NotNull(sender);
    }

    [Fact]
    public void MessageQueue_SteadyState_ReusesOneRingWithoutAllocating()
    {
        var holder = new Holder();
        var message = new object();
        for (var i = 0; i < 100; i++)
        {
            holder.Queue.Enqueue(message, null);
            holder.Queue.TryDequeue(out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            holder.Queue.Enqueue(message, null);
            holder.Queue.Enqueue(message, null);
            holder.Queue.TryDequeue(out _);
            holder.Queue.TryDequeue(out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1, holder.Queue.SegmentCount());
    }

    [Fact]
    public void MessageQueue_KeepsSender()
    {
        var holder = new Holder();
        var system = ActorSystem.Create("queue");
        holder.Queue.Enqueue("m", system.DeadLetters);

        Assert.True(holder.Queue.TryDequeue(out var envelope));
        Assert.Same(system.DeadLetters, envelope.Sender);
        Assert.Equal("m", envelope.Message);
    }

    [Theory]
    [InlineData(2, 500_000)]
    [InlineData(4, 250_000)]
    [InlineData(8, 50_000)]
    public async Task MessageQueue_ManyProducersOneConsumer_LosesNothingAndKeepsPerProducerOrder(int producers, int perProducer)
    {
        var holder = new Holder();
        var messages = new object[producers][];
        for (var p = 0; p < producers; p++)
        {
            messages[p] = new object[perProducer];
            for (var i = 0; i < perProducer; i++)
            {
                messages[p][i] = new Item(p, i);
            }
        }

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, producers).Select(p => Task.Factory.StartNew(
            () =>
            {
                start.Wait();
                foreach (var message in messages[p])
                {
                    holder.Queue.Enqueue(message, null);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        var next = new int[producers];
        var received = 0L;
        var total = (long)producers * perProducer;
        start.Set();
        var consumer = Task.Factory.StartNew(
            () =>
            {
                var spin = new SpinWait();
                while (received < total)
                {
                    if (holder.Queue.TryDequeue(out var envelope))
                    {
                        var item = (Item)envelope.Message;
                        Assert.Equal(next[item.Producer], item.Sequence);
                        next[item.Producer]++;
                        received++;
                    }
                    else
                    {
                        spin.SpinOnce();
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(1));
        await consumer.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(total, received);
        Assert.All(next, n => Assert.Equal(perProducer, n));
        Assert.False(holder.Queue.TryDequeue(out _));
        Assert.False(holder.Queue.HasPending());
    }

    [Fact]
    public async Task MessageQueue_ConcurrentProducersWithBurstyConsumer_HasPendingNeverMissesAReservation()
    {
        // The consumer drains, then checks HasPending the way a cell does before going idle: every produced
        // message must be either dequeued or reported pending, so nothing is stranded.
        var holder = new Holder();
        const int producers = 3;
        const int perProducer = 200_000;
        var produced = 0L;
        var tasks = Enumerable.Range(0, producers).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                holder.Queue.Enqueue(i, null);
                Interlocked.Increment(ref produced);
            }
        })).ToArray();

        var received = 0L;
        while (received < producers * perProducer)
        {
            while (holder.Queue.TryDequeue(out _))
            {
                received++;
            }

            var producedNow = Interlocked.Read(ref produced);
            Assert.True(received >= producedNow || holder.Queue.HasPending(), "a produced message was neither dequeued nor pending");
        }

        await Task.WhenAll(tasks);
        Assert.Equal(producers * perProducer, received);
    }

    private sealed record Item(int Producer, int Sequence);
}
