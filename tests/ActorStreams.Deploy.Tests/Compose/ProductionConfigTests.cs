using ActorStreams.Deploy.Tests.Support;
using ActorStreams.Hocon;
using ActorStreams.Node;

namespace ActorStreams.Deploy.Tests.Compose;

[Trait("Category", "Unit")]
public sealed class ProductionConfigTests
{
    [Fact]
    public void ProductionConf_EveryKeyItSets_ExistsInReferenceConf()
    {
        var production = ConfigFactory.ParseFile(Repository.PathOf("hocon/production.conf")).Resolve();

        var keys = HoconKeys.LeafPaths(production);

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(HoconKeys.Reference.HasPath(key), $"hocon/production.conf sets {key}, which hocon/reference.conf lacks"));
    }

    [Fact]
    public void ProductionConf_WithTheComposeEnvironment_LoadsAndValidatesOverReference()
    {
        var compose = ComposeFile.Load();
        var environment = compose.Environment("node1").ToDictionary(kv => kv.Key, kv => ExpandDefaults(kv.Value), StringComparer.Ordinal);

        var config = ConfigFactory.Load(new ConfigLoadOptions
        {
            ReferenceAssemblies = NodeConfiguration.ModuleAssemblies,
            BaseDirectory = Repository.Root,
            ConfigFile = Repository.PathOf("hocon/production.conf"),
            Environment = environment,
            Overrides = [new("akka.remote.dot-netty.tcp.hostname", "node1")],
        });
        NodeConfiguration.Validate(config);

        Assert.Equal("kafka1:9092,kafka2:9092,kafka3:9092", config.GetString("actorstreams.kafka.bootstrap"));
        Assert.Equal(3, config.GetInt("actorstreams.kafka.replication-factor"));
        Assert.Equal("0.0.0.0", config.GetString("actorstreams.http.bind"));
        Assert.Equal("change-me", config.GetString("actorstreams.http.admin-token"));
        Assert.StartsWith("postgres://actorstreams:actorstreams@postgres:5432/", config.GetString("actorstreams.store.uri"), StringComparison.Ordinal);
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
    }

    [Fact]
    public void ProductionConf_WithoutTheEnvironment_RefusesToStartNamingTheKafkaKey()
    {
        var config = ConfigFactory.ParseFile(Repository.PathOf("hocon/production.conf"));

        var error = Assert.ThrowsAny<ConfigException>(() => NodeConfiguration.Validate(config.WithFallback(HoconKeys.Reference).Resolve()));

        Assert.Contains("actorstreams.kafka.bootstrap must be a non-empty string", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Compose's <c>${NAME:-default}</c> with nothing set: the default.</summary>
    private static string ExpandDefaults(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\$\{[A-Z_]+:-(?<d>[^}]*)\}", m => m.Groups["d"].Value);
}
