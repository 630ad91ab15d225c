using Akka.Actor;
using Akka.Event;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The node's one listener for work that will never be answered (docs/design.md §2): a command the shard region drops
/// because a handoff began, or that reaches a stopped entity, ends in dead letters. The listener finds the consumer
/// that sent it by its epoch and tells that pipeline's router, which stops the pipeline at once; the partition then
/// restarts from its last checkpoint instead of waiting for a reply.
/// </summary>
internal sealed class LostWorkListener : ReceiveActor
{
    public LostWorkListener(PartitionRegistry registry)
    {
        Receive<AllDeadLetters>(dead =>
        {
            var message = dead.Message is Dropped dropped ? dropped.Message : dead.Message;
            if (message is EntityCommand command && registry.ByEpoch(command.Epoch)?.Control?.Router is { } router)
            {
                router.Tell(new WorkLost($"the command for {command.EntityId} was not delivered (dropped by the shard region: a handoff started)"));
            }
        });
    }

    public static Props Props(PartitionRegistry registry) => Akka.Actor.Props.Create(() => new LostWorkListener(registry));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
