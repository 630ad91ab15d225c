using System.Globalization;
using ActorStreams.Hocon.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace ActorStreams.Hocon.Tests;

/// <summary>The Microsoft.Extensions.Configuration provider and options binding.</summary>
[Trait("Category", "Unit")]
public sealed class HoconConfigurationProviderTests
{
    private const string Text = """
        actorstreams {
          kafka {
            bootstrap = "localhost:9092"
            partitions = 12
            ratio = 1.5e-3
            big = 1e3
            compress = true
            topics = [transactions, customer-activity]
            brokers = [{ host = a, port = 1 }, { host = b, port = 2 }]
          }
          cluster { group-id = analytics, nothing = null }
        }
        """;

    [Fact]
    public void Provider_FlattensKeysListsAndValues()
    {
        var configuration = new ConfigurationBuilder().AddHocon(ConfigFactory.ParseString(Text)).Build();

        Assert.Equal("localhost:9092", configuration["actorstreams:kafka:bootstrap"]);
        Assert.Equal("12", configuration["actorstreams:kafka:partitions"]);
        Assert.Equal(0.0015.ToString("R", CultureInfo.InvariantCulture), configuration["actorstreams:kafka:ratio"]);
        Assert.Equal("1000", configuration["actorstreams:kafka:big"]);
        Assert.Equal("true", configuration["actorstreams:kafka:compress"]);
        Assert.Equal("transactions", configuration["actorstreams:kafka:topics:0"]);
        Assert.Equal("customer-activity", configuration["actorstreams:kafka:topics:1"]);
        Assert.Equal("b", configuration["actorstreams:kafka:brokers:1:host"]);
        Assert.Equal("analytics", configuration["actorstreams:cluster:group-id"]);
        Assert.Null(configuration["actorstreams:cluster:nothing"]);
    }

    [Fact]
    public void Binder_BindsPocoWithNestedObjectsIntsAndLists()
    {
        var configuration = new ConfigurationBuilder().AddHocon(ConfigFactory.ParseString(Text)).Build();

        var settings = configuration.GetSection("actorstreams").Get<ActorStreamsOptions>();

        Assert.NotNull(settings);
        Assert.Equal("localhost:9092", settings.Kafka.Bootstrap);
        Assert.Equal(12, settings.Kafka.Partitions);
        Assert.Equal(0.0015, settings.Kafka.Ratio);
        Assert.True(settings.Kafka.Compress);
        Assert.Equal(["transactions", "customer-activity"], settings.Kafka.Topics);
        Assert.Equal([("a", 1), ("b", 2)], settings.Kafka.Brokers.Select(b => (b.Host, b.Port)));
        Assert.Equal("analytics", settings.Cluster.GroupId);
    }

    [Fact]
    public void Provider_UnresolvedConfig_IsResolvedOnLoad()
    {
        var config = ConfigFactory.ParseString("a = 1\nb = ${a}");

        var configuration = new ConfigurationBuilder().AddHocon(config).Build();

        Assert.Equal("1", configuration["b"]);
    }

    [Fact]
    public void AddHoconFile_LoadsTheFile_AndLaterSourcesOverride()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("app.conf", "a { b = 1, c = 2 }");

        var configuration = new ConfigurationBuilder()
            .AddHoconFile(file)
            .AddInMemoryCollection([new("a:c", "3")])
            .Build();

        Assert.Equal("1", configuration["a:b"]);
        Assert.Equal("3", configuration["a:c"]);
    }

    [Fact]
    public void AddHoconFile_MissingOptional_AddsNothing_MissingRequired_Throws()
    {
        var optional = new ConfigurationBuilder().AddHoconFile("missing.conf", optional: true).Build();

        Assert.Empty(optional.AsEnumerable());
        Assert.Throws<ConfigException>(() => new ConfigurationBuilder().AddHoconFile("missing.conf").Build());
    }

    [Fact]
    public void Source_WithoutConfigOrFile_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(() => new ConfigurationBuilder().Add(new HoconConfigurationSource()).Build());

        Assert.Equal("a HOCON configuration source needs either a Config or a FilePath", error.Message);
    }

    public sealed class ActorStreamsOptions
    {
        public KafkaOptions Kafka { get; set; } = new();

        public ClusterOptions Cluster { get; set; } = new();
    }

    public sealed class KafkaOptions
    {
        public string Bootstrap { get; set; } = "";

        public int Partitions { get; set; }

        public double Ratio { get; set; }

        public bool Compress { get; set; }

        public List<string> Topics { get; set; } = [];

        public List<BrokerOptions> Brokers { get; set; } = [];
    }

    public sealed class BrokerOptions
    {
        public string Host { get; set; } = "";

        public int Port { get; set; }
    }

    public sealed class ClusterOptions
    {
        [ConfigurationKeyName("group-id")]
        public string GroupId { get; set; } = "";
    }
}
