using ActorStreams.Persistence;
using AkkaConfig = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace ActorStreams.Node.Internal;

/// <summary>
/// The actor system's configuration (docs/design.md §8): the one resolved tree of the node — <c>akka { }</c> and
/// <c>actorstreams { }</c> from every module's reference.conf, the hocon/ files, the environment and the flags — handed
/// to Akka as it is, with the persistence plugins the store URI names laid over it. ActorStreams' own HOCON front end
/// resolves the files (it passes cases Akka's parser fails, such as self-referential substitutions); Akka only reads
/// the resolved result. Akka's own defaults of the modules it runs (sharding, distributed data, singletons) come last,
/// from the start: Akka injects them lazily, when an extension is first used, which is too late for the serializers of
/// a message another node sends before that (a sharding replicator message failed to deserialize on a joining node).
/// </summary>
internal static class AkkaConfiguration
{
    public static AkkaConfig Build(Hocon.Config resolved, StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(store);
        return AkkaConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(store))
            .WithFallback(AkkaConfigurationFactory.ParseString(resolved.ToJson(indented: false)))
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration)
            .WithFallback(Akka.Cluster.Sharding.ClusterSharding.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig());
    }
}
