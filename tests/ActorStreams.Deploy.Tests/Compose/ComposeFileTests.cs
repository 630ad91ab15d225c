using System.Globalization;
using ActorStreams.Deploy.Tests.Support;
using ActorStreams.Hocon;

namespace ActorStreams.Deploy.Tests.Compose;

[Trait("Category", "Unit")]
public sealed class ComposeFileTests
{
    private static readonly string[] Nodes = ["node1", "node2", "node3"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Compose_Parsed_HasTheBrokersStoreSearchJobsAndNodes()
    {
        Assert.Superset(
            new HashSet<string>(["kafka1", "kafka2", "kafka3", "topics", "postgres", "elasticsearch", "kibana", "kibana-import", .. Nodes]),
            new HashSet<string>(_compose.Services.Keys));
        Assert.Contains(_compose.Services.Keys, s => s.StartsWith("generate-", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_ActorStreamsEnvironmentVariables_MapToReferenceKeys()
    {
        var checkedAny = false;
        foreach (var service in _compose.Services.Keys)
        {
            var variables = _compose.Environment(service).Where(kv => kv.Key.StartsWith("ACTORSTREAMS__", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key, kv => "x", StringComparer.Ordinal);
            var mapped = ConfigFactory.FromEnvironment(env: variables).Resolve();
            foreach (var path in HoconKeys.LeafPaths(mapped))
            {
                checkedAny = true;
                Assert.True(HoconKeys.Reference.HasPath(path), $"service {service}: an ACTORSTREAMS__ variable maps to {path}, which hocon/reference.conf lacks");
            }
        }

        Assert.True(checkedAny, "no ACTORSTREAMS__ variable found");
    }

    [Fact]
    public void Compose_SetFlags_NameReferenceKeys()
    {
        var keys = _compose.ActorStreamsServices
            .SelectMany(s => ComposeFile.FlagValues(_compose.Command(s), "--set"))
            .Select(pair => pair[..pair.IndexOf('=', StringComparison.Ordinal)])
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.True(HoconKeys.Reference.HasPath(key), $"--set {key}: not in hocon/reference.conf"));
    }

    [Fact]
    public void Compose_Nodes_UseProductionConfigPortsAndTheirOwnHostName()
    {
        var production = ProductionConfig();
        var adminPort = production.GetInt("actorstreams.http.port");
        var remotingPort = production.GetInt("akka.remote.dot-netty.tcp.port");

        Assert.Equal(9110, adminPort);
        Assert.Equal(4053, remotingPort);
        for (var i = 0; i < Nodes.Length; i++)
        {
            var command = _compose.Command(Nodes[i]);
            Assert.Equal(["node", "--config", "hocon/production.conf"], command.Take(3));
            Assert.Equal([Nodes[i]], ComposeFile.FlagValues(command, "--node-id"));
            Assert.Equal([remotingPort.ToString(CultureInfo.InvariantCulture)], ComposeFile.FlagValues(command, "--port"));
            Assert.Contains($"akka.remote.dot-netty.tcp.hostname={Nodes[i]}", ComposeFile.FlagValues(command, "--set"));
            Assert.Equal([$"127.0.0.1:{adminPort + i}:{adminPort}"], _compose.Ports(Nodes[i]));
        }
    }

    [Fact]
    public void Compose_Seeds_NameANodeServiceAndItsRemotingPort()
    {
        foreach (var node in Nodes)
        {
            var seeds = ComposeFile.FlagValues(_compose.Command(node), "--seed");
            Assert.NotEmpty(seeds);
            foreach (var seed in seeds)
            {
                var (host, port) = (seed[..seed.LastIndexOf(':')], seed[(seed.LastIndexOf(':') + 1)..]);
                Assert.Contains(host, Nodes);
                Assert.Equal([port], ComposeFile.FlagValues(_compose.Command(host), "--port"));
            }
        }
    }

    [Fact]
    public void Compose_TopicsService_RunsExactlyTopicsCreateWithTheProductionConfig()
    {
        var command = _compose.Command("topics");

        Assert.Equal(["topics", "create", "--config", "hocon/production.conf"], command.Take(4));
        Assert.DoesNotContain("--set", command);
        Assert.DoesNotContain("--bootstrap", command);
        Assert.Equal(3, ProductionConfig().GetInt("actorstreams.kafka.replication-factor"));
    }

    [Fact]
    public void Compose_Images_ArePinnedToAVersion()
    {
        foreach (var service in _compose.Services.Keys)
        {
            var image = _compose.Image(service);
            Assert.False(string.IsNullOrEmpty(image), $"service {service} has no image");
            var tag = image[(image.LastIndexOf(':') + 1)..];
            Assert.True(image.LastIndexOf(':') > image.LastIndexOf('/') && tag != "latest" && char.IsDigit(tag[0]), $"service {service}: image {image} is not pinned to a version");
        }
    }

    private static Config ProductionConfig() =>
        ConfigFactory.ParseFile(Repository.PathOf("hocon/production.conf")).WithFallback(ConfigFactory.ParseFile(Repository.PathOf("hocon/reference.conf"))).Resolve();
}
