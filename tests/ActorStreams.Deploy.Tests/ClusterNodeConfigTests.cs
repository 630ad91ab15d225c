using ActorStreams.Deploy.Tests.Support;
using ActorStreams.Hocon;
using ActorStreams.Node;

namespace ActorStreams.Deploy.Tests;

/// <summary>
/// <c>hocon/cluster-node.conf</c>: what every node of a multi-node cluster needs, used on its own on the user's hosts
/// (as its header shows) and included by <c>hocon/production.conf</c>, which compose and Kubernetes run.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ClusterNodeConfigTests
{
    private static readonly Dictionary<string, string> HeaderEnvironment = new(StringComparer.Ordinal)
    {
        ["ACTORSTREAMS__KAFKA__BOOTSTRAP"] = "10.0.0.20:9092",
        ["ACTORSTREAMS__STORE__URI"] = "postgres://actorstreams:secret@10.0.0.10:5432/actorstreams",
    };

    [Fact]
    public void ClusterNodeConf_EveryKeyItSets_ExistsInReferenceConf()
    {
        var keys = HoconKeys.LeafPaths(ConfigFactory.ParseFile(Repository.PathOf("hocon/cluster-node.conf")).Resolve());

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(HoconKeys.Reference.HasPath(key), $"hocon/cluster-node.conf sets {key}, which hocon/reference.conf lacks"));
    }

    [Fact]
    public void ClusterNodeConf_WithTheEnvironmentAndFlagsOfItsHeader_LoadsAsANetworkedClusterNode()
    {
        var config = Load("hocon/cluster-node.conf", HeaderEnvironment);

        NodeConfiguration.Validate(config);
        Assert.Equal("10.0.0.20:9092", config.GetString("actorstreams.kafka.bootstrap"));
        Assert.StartsWith("postgres://", config.GetString("actorstreams.store.uri"), StringComparison.Ordinal);
        Assert.Equal("0.0.0.0", config.GetString("actorstreams.http.bind"));
        Assert.Equal(9110, config.GetInt("actorstreams.http.port"));
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("10.0.0.11", config.GetString("akka.remote.dot-netty.tcp.hostname"));
    }

    [Fact]
    public void ClusterNodeConf_WithoutTheEnvironment_RefusesToStartNamingTheKafkaKey()
    {
        var error = Assert.ThrowsAny<ConfigException>(() => NodeConfiguration.Validate(Load("hocon/cluster-node.conf", new Dictionary<string, string>(StringComparer.Ordinal))));

        Assert.Contains("actorstreams.kafka.bootstrap must be a non-empty string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterNodeConf_WithoutAStore_RefusesToStartNamingTheStoreKey()
    {
        var environment = new Dictionary<string, string>(HeaderEnvironment, StringComparer.Ordinal);
        environment.Remove("ACTORSTREAMS__STORE__URI");

        var error = Assert.ThrowsAny<ConfigException>(() => NodeConfiguration.Validate(Load("hocon/cluster-node.conf", environment)));

        Assert.Contains("actorstreams.store.uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionConf_IncludesClusterNodeConf_EveryValueOfItHolds()
    {
        var clusterNode = ConfigFactory.ParseFile(Repository.PathOf("hocon/cluster-node.conf")).Resolve();
        var production = ConfigFactory.ParseFile(Repository.PathOf("hocon/production.conf")).Resolve();
        var keys = HoconKeys.LeafPaths(clusterNode);

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Equal(clusterNode.GetString(key), production.HasPath(key) ? production.GetString(key) : null));
    }

    private static Config Load(string file, Dictionary<string, string> environment) =>
        ConfigFactory.Load(new ConfigLoadOptions
        {
            ReferenceAssemblies = NodeConfiguration.ModuleAssemblies,
            BaseDirectory = Repository.Root,
            ConfigFile = Repository.PathOf(file),
            Environment = environment,
            Overrides = [new("akka.remote.dot-netty.tcp.hostname", "10.0.0.11")],
        });
}
