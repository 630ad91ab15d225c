using ActorStreams.Cluster;
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
/// With cluster bootstrap (<c>actorstreams.cluster.discovery</c> other than <c>seed-nodes</c>), Akka.Management's and
/// the discovery method's settings derived from <c>actorstreams.cluster.bootstrap</c> are laid over the tree too.
/// </summary>
internal static class AkkaConfiguration
{
    private const string RemotingHostname = "akka.remote.dot-netty.tcp.hostname";

    public static AkkaConfig Build(Hocon.Config resolved, StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(store);
        var bootstrap = ClusterBootstrapConfiguration.AkkaHocon(
            ClusterSettings.Create(resolved),
            resolved.HasPath(RemotingHostname) ? resolved.GetString(RemotingHostname) : "127.0.0.1");
        return AkkaConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(store))
            .WithFallback(AkkaConfigurationFactory.ParseString(bootstrap))
            .WithFallback(AkkaConfigurationFactory.ParseString(resolved.ToJson(indented: false)))
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration)
            .WithFallback(Akka.Cluster.Sharding.ClusterSharding.DefaultConfig())
            .WithFallback(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig())
            .WithFallback(Akka.Management.Dsl.AkkaManagementProvider.DefaultConfiguration())
            .WithFallback(Akka.Discovery.KubernetesApi.KubernetesDiscovery.DefaultConfiguration())
            .WithFallback(Akka.Discovery.DiscoveryProvider.DefaultConfiguration());
    }
}
