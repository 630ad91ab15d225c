using Akka.Actor;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Creates an entity actor through a delegate. <c>Props.Create&lt;T&gt;(args)</c> finds the constructor by reflection
/// for every actor it creates, which a node does for every customer it meets; this calls the constructor directly.
/// </summary>
/// <typeparam name="TActor">The entity's actor type.</typeparam>
public sealed class EntityProducer<TActor> : IIndirectActorProducer
    where TActor : ActorBase
{
    private readonly Func<TActor> _create;

    private EntityProducer(Func<TActor> create) => _create = create;

    /// <inheritdoc />
    public Type ActorType => typeof(TActor);

    /// <summary>Props whose actors <paramref name="create"/> constructs.</summary>
    public static Props Props(Func<TActor> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return Akka.Actor.Props.CreateBy(new EntityProducer<TActor>(create));
    }

    /// <inheritdoc />
    public ActorBase Produce() => _create();

    /// <inheritdoc />
    public void Release(ActorBase actor)
    {
    }
}
