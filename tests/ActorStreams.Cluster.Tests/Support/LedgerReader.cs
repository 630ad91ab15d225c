using System.Globalization;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Tests.Support;

/// <summary>Recovers a partition's ledger from the store, as its next owner would, reports what it holds and stops (it never writes).</summary>
public sealed class LedgerReader(string persistenceId, TaskCompletionSource<LedgerSnapshot> recovered)
    : PartitionLedger(persistenceId, LedgerSettings.Default, NullLogger.Instance)
{
    protected override void OnRecovered()
    {
        recovered.TrySetResult(Ledger.ToSnapshot());
        Context.Stop(Self);
    }

    protected override void OnLedgerCommand(object message) => Unhandled(message);

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        recovered.TrySetException(reason);
        base.OnRecoveryFailure(reason, message);
    }
}

/// <summary>What the counter kind's ledgers hold, read with <see cref="LedgerReader"/>s.</summary>
public static class Ledgers
{
    /// <summary>The checkpointed ledger of the counter kind's partition <paramref name="partition"/>, read on <paramref name="system"/>.</summary>
    public static Task<LedgerSnapshot> ReadAsync(ActorSystem system, int partition)
    {
        var recovered = new TaskCompletionSource<LedgerSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = PartitionConsumer.LedgerId(CounterKind.KindName, partition);
        system.ActorOf(Props.Create(() => new LedgerReader(id, recovered)), $"ledger-reader-{partition.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
        return recovered.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Writes ledger <paramref name="persistenceId"/> once on <paramref name="system"/> as <paramref name="owner"/> (<see cref="LedgerWriter"/>); true when written, false when it lost.</summary>
    public static Task<bool> WriteAsync(ActorSystem system, string persistenceId, string owner)
    {
        var written = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new LedgerWriter(persistenceId, owner, written)), $"ledger-writer-{Guid.NewGuid():N}");
        return written.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The checkpointed counters of every partition (count and sum per key).</summary>
    public static async Task<Dictionary<long, (long Count, long Sum)>> CountersAsync(ActorSystem system, int partitions)
    {
        var result = new Dictionary<long, (long, long)>();
        for (var p = 0; p < partitions; p++)
        {
            foreach (var entity in (await ReadAsync(system, p)).Entities)
            {
                result[long.Parse(Cluster.Sharding.PartitionEntityIds.RecordId(entity.Id), CultureInfo.InvariantCulture)] = CounterKind.Decode(entity.State);
            }
        }

        return result;
    }

    /// <summary>The checkpointed next offsets of <paramref name="topic"/>, summed over its partitions.</summary>
    public static async Task<long> OffsetsAsync(ActorSystem system, string topic, int partitions)
    {
        long total = 0;
        for (var p = 0; p < partitions; p++)
        {
            if ((await ReadAsync(system, p)).Offsets.TryGetValue(topic, out var offset))
            {
                total += offset;
            }
        }

        return total;
    }
}
