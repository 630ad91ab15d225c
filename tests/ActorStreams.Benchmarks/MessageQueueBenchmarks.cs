using System.Collections.Concurrent;
using ActorStreams.Actors.Internal;
using BenchmarkDotNet.Attributes;

namespace ActorStreams.Benchmarks;

/// <summary>Single-threaded enqueue/dequeue cost of the mailbox queue against <see cref="ConcurrentQueue{T}"/>.</summary>
[MemoryDiagnoser]
public class MessageQueueBenchmarks
{
    private readonly object _message = new();
    private readonly ConcurrentQueue<(object, object?)> _concurrent = new();
    private MessageQueue _queue;

    /// <summary>Messages enqueued before they are drained.</summary>
    [Params(1, 1000)]
    public int Batch { get; set; }

    /// <summary>Enqueue a batch, then dequeue it, on the mailbox queue.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 1000)]
    public int MailboxQueue()
    {
        var n = 0;
        for (var round = 0; round < 1000 / Batch; round++)
        {
            for (var i = 0; i < Batch; i++)
            {
                _queue.Enqueue(_message, null);
            }

            while (_queue.TryDequeue(out _))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The same on <see cref="ConcurrentQueue{T}"/>.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public int ConcurrentQueue()
    {
        var n = 0;
        for (var round = 0; round < 1000 / Batch; round++)
        {
            for (var i = 0; i < Batch; i++)
            {
                _concurrent.Enqueue((_message, null));
            }

            while (_concurrent.TryDequeue(out _))
            {
                n++;
            }
        }

        return n;
    }
}
