using ActorStreams.Cli.Inspection;

namespace ActorStreams.Cli.Tests.Inspection;

/// <summary>Which admin API <c>cmd</c> asks: <c>--node</c>, else the one the configuration names (<c>actorstreams.http.bind:port</c>).</summary>
[Trait("Category", "Unit")]
public sealed class CmdDefaultNodeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstreams-cmd-").FullName;
    private readonly List<string> _asked = [];
    private readonly InspectionServices _services;

    public CmdDefaultNodeTests()
    {
        _services = InspectionHarness.Services(new FakeAdminApi(NodeAddress.Local)) with
        {
            Connect = (address, _) =>
            {
                _asked.Add(address.ToString());
                return new FakeAdminApi(address).Answer("/api/cluster", CannedJson.Cluster);
            },
            DefaultNode = NodeAddress.Parse("127.0.0.1:9999"),
        };
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("actorstreams.http.port = 9123", "127.0.0.1:9123")]
    [InlineData("actorstreams.http { bind = \"0.0.0.0\", port = 9124 }", "127.0.0.1:9124")]
    [InlineData("actorstreams.http { bind = \"localhost\", port = 9125 }", "127.0.0.1:9125")]
    [InlineData("actorstreams.http { bind = \"10.1.2.3\", port = 9126 }", "10.1.2.3:9126")]
    [InlineData("actorstreams.http.port = 0", "127.0.0.1:9999")]
    public async Task Cmd_WithoutNode_AsksTheAdminApiTheConfigurationNames(string hocon, string expected)
    {
        var config = Path.Combine(_directory, "node.conf");
        await File.WriteAllTextAsync(config, hocon + "\n");

        var result = await InspectionHarness.RunAsync(_services, "--config", config, "cluster", "show");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Equal([expected], _asked);
        Assert.Contains($"as seen by node-1 (*) at {expected}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cmd_NodeGiven_AsksItWhateverTheConfigurationSays()
    {
        var config = Path.Combine(_directory, "node.conf");
        await File.WriteAllTextAsync(config, "actorstreams.http.port = 9123\n");

        var result = await InspectionHarness.RunAsync(_services, "--config", config, "--node", "127.0.0.1:9200", "cluster", "show");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Equal(["127.0.0.1:9200"], _asked);
    }
}
