using System.Globalization;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using Akka.Actor;

namespace ActorStreams.Benchmarks;

/// <summary>
/// Brings entities 1 to <paramref name="count"/> into memory through the shard region, each with one <c>Fresh</c>
/// command of its partition's epoch, at most <paramref name="window"/> in flight. It keeps nothing per entity (ids are
/// made as they are sent), so that what stays on the heap afterwards is the entities' own.
/// </summary>
internal sealed class FreshDriver(
    IActorRef region, long[] epochs, long count, Func<long, object> payload, int window, TaskCompletionSource done) : UntypedActor
{
    private long _sent;
    private long _answered;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EntityDriver.Go:
                while (_sent < count && _sent - _answered < window)
                {
                    SendNext();
                }

                break;
            case EntityReply:
                if (++_answered == count)
                {
                    done.TrySetResult();
                }
                else if (_sent < count)
                {
                    SendNext();
                }

                break;
            case EntityRejected rejected:
                done.TrySetException(new InvalidOperationException($"entity {rejected.EntityId} rejected command {rejected.Sequence}: {rejected.Reason}"));
                break;
        }
    }

    private void SendNext()
    {
        var id = ++_sent;
        var recordId = id.ToString(CultureInfo.InvariantCulture);
        var partition = PartitionEntityIds.PartitionOf(recordId, epochs.Length);
        var entityId = PartitionEntityIds.ForRecord(recordId, partition, epochs.Length);
        region.Tell(new EntityCommand(entityId, epochs[partition], id, Fresh: true, State: null, payload(id)), Self);
    }
}
