using System.Text;
using ActorStreams.Cli.Inspection;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Producer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ActorStreams.Cli.Tests.Inspection;

/// <summary><c>actorstreams cmd</c> end to end through <see cref="CliApplication.RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/> against a stub admin API over HTTP.</summary>
[Trait("Category", "Integration")]
public sealed class CmdCommandIntegrationTests
{
    private const string TwoEvents =
        "event: partitions-assigned\n" +
        "data: {\"type\":\"partitions-assigned\",\"node_id\":\"node-1\",\"at\":\"2026-11-22T05:17:29.123Z\",\"partitions\":[\"transactions-0\",\"transactions-1\"],\"duration_ms\":120}\n\n" +
        ": keep-alive\n\n" +
        "event: member-left\n" +
        "data: {\"type\":\"member-left\",\"node_id\":\"node-1\",\"at\":\"2026-11-22T05:17:31.000Z\",\"member\":\"node-2\"}\n\n";

    [Fact]
    public async Task ClusterShow_StubNode_TableOfThreeMembers()
    {
        await using var server = await StubAdminServer.StartAsync(app =>
            app.MapGet("/api/cluster", () => Results.Text(CannedJson.Cluster, "application/json")));

        var result = await CliRunner.RunAsync("cmd", "--node", server.Address, "cluster", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = InspectionHarness.Lines(result.Output);
        Assert.Contains(lines, l => l.StartsWith("node-1 *", StringComparison.Ordinal) && l.Contains("0-3,8", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("node-3", StringComparison.Ordinal) && l.Contains("unreachable", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Count: 3 nodes", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', result.Output);
    }

    [Fact]
    public async Task EntityShow_404_NotFoundExit1()
    {
        await using var server = await StubAdminServer.StartAsync(app =>
            app.MapGet("/api/entities/{kind}/{id}", (string kind, string id) =>
                Results.Json(new Dictionary<string, string> { ["error"] = $"{kind} \"{id}\" not found" }, statusCode: 404)));

        var result = await CliRunner.RunAsync("cmd", "--node", "http://" + server.Address, "entity", "show", "customer", "42");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("error: customer 42 not found (never seen by the cluster)", result.Error.TrimEnd());
    }

    [Fact]
    public async Task ShardsShow_503_TheApisErrorExit1()
    {
        await using var server = await StubAdminServer.StartAsync(app =>
            app.MapGet("/api/shards", () => Results.Json(new Dictionary<string, string> { ["error"] = "node-1 is stopping" }, statusCode: 503)));

        var result = await CliRunner.RunAsync("cmd", "--node", server.Address, "shards", "show");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("error: node-1 is stopping", result.Error.TrimEnd());
    }

    [Fact]
    public async Task ClusterShow_NothingListening_ConnectionRefusedExit1()
    {
        var address = $"127.0.0.1:{HttpAdminApiTests.ClosedPort()}";

        var result = await CliRunner.RunAsync("cmd", "--node", address, "cluster", "show");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"error: cannot reach node at {address}: connection refused", result.Error.TrimEnd());
    }

    [Theory]
    [InlineData("cmd", "cluster")]
    [InlineData("cmd", "no-such-palette", "show")]
    [InlineData("cmd", "cluster", "no-such-command")]
    [InlineData("cmd", "entity", "show", "shop", "1")]
    [InlineData("cmd", "entity", "show", "customer")]
    [InlineData("cmd", "--node", "127.0.0.1:1", "entity", "show", "customer", "abc")]
    [InlineData("cmd", "cluster", "leave")]
    [InlineData("cmd", "--node", "host:notaport", "cluster", "show")]
    [InlineData("cmd", "--node", "127.0.0.1:1", "--timeout", "soon", "cluster", "show")]
    [InlineData("cmd", "--node", "127.0.0.1:1", "--timeout", "0s", "lag", "show")]
    [InlineData("cmd", "cluster", "show", "--no-such-flag")]
    public async Task BadUsage_AnyLevel_Exit2WithHelpHint(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "cmd" }, new[] { "cluster", "shards", "entity", "lag", "--node", "--bootstrap", "--json", "--timeout" })]
    [InlineData(new[] { "cmd", "cluster" }, new[] { "show", "leave <node-id>", "tail" })]
    [InlineData(new[] { "cmd", "shards" }, new[] { "show" })]
    [InlineData(new[] { "cmd", "entity" }, new[] { "show <customer|merchant> <id>" })]
    [InlineData(new[] { "cmd", "lag" }, new[] { "show" })]
    [InlineData(new[] { "cmd", "lag", "show" }, new[] { "--local", "--node" })]
    public async Task Help_EveryLevel_ListsWhatItOffers(string[] path, string[] expected)
    {
        var result = await CliRunner.RunAsync([.. path, "--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(expected, text => Assert.Contains(text, result.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClusterTail_TwoEventsThenTheServerCloses_TwoLinesAndExit1()
    {
        await using var server = await StubAdminServer.StartAsync(app =>
            app.MapGet("/api/events", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/event-stream";
                await http.Response.WriteAsync(TwoEvents);
                await http.Response.Body.FlushAsync();
            }));

        var result = await CliRunner.RunAsync("cmd", "--node", server.Address, "cluster", "tail");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(
            [
                "05:17:29.123  partitions-assigned  node-1  transactions-0,transactions-1 (120 ms)",
                "05:17:31.000  member-left          node-1  node-2",
                "",
            ],
            InspectionHarness.Lines(result.Output));
        Assert.Equal($"error: the event stream of node at {server.Address} ended: the node stopped or left the cluster", result.Error.TrimEnd());
    }

    [Fact]
    public async Task ClusterTail_StoppedByTheUser_Exit0()
    {
        await using var server = await StubAdminServer.StartAsync(app =>
            app.MapGet("/api/events", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/event-stream";
                await http.Response.WriteAsync(TwoEvents);
                await http.Response.Body.FlushAsync();
                // Stays open, as a live node does, until the client goes.
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }));
        using var stop = new CancellationTokenSource();
        using var output = new LineSignallingWriter(lines: 2, stop);
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(["cmd", "--node", server.Address, "cluster", "tail"], output, error, stop.Token);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(2, output.ToString().ReplaceLineEndings("\n").TrimEnd().Split('\n').Length);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task ClusterShow_WithoutNode_DiscoversTheLiveMemberFromTheMembershipTopic()
    {
        await using var server = await StubAdminServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Text(CannedJson.Health, "application/json"));
            app.MapGet("/api/cluster", () => Results.Text(CannedJson.Cluster, "application/json"));
        });
        var settings = KafkaSettings.Default with { Partitions = 2 };
        using var broker = new DevBroker();
        broker.CreateTopic(settings.Topics.Members, 2, compacted: true);
        var now = DateTimeOffset.UtcNow;
        var deadPort = HttpAdminApiTests.ClosedPort();
        await using (var sink = new KafkaSink(settings with { BootstrapServers = broker.BootstrapServers }))
        {
            // node-0 heartbeats most recently but its endpoint is gone; node-9 belongs to another cluster.
            await Produce(sink, settings, "node-1", $$"""{"node_id":"node-1","group_id":"actorstreams","http_endpoint":"{{server.Address}}","status":"up","heartbeat_at":"{{now.AddSeconds(-1):O}}"}""");
            await Produce(sink, settings, "node-0", $$"""{"node_id":"node-0","group_id":"actorstreams","http_endpoint":"127.0.0.1:{{deadPort}}","status":"up","heartbeat_at":"{{now:O}}"}""");
            await Produce(sink, settings, "node-9", $$"""{"node_id":"node-9","group_id":"elsewhere","http_endpoint":"127.0.0.1:{{deadPort}}","status":"up","heartbeat_at":"{{now:O}}"}""");
            await sink.FlushAsync();
        }

        var result = await CliRunner.RunAsync("cmd", "--bootstrap", broker.BootstrapServers, "--timeout", "20s", "cluster", "show");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Contains($"as seen by node-1 (*) at {server.Address}", result.Output, StringComparison.Ordinal);
        Assert.Contains("Count: 3 nodes", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterShow_EmptyMembershipTopicAndNoDefaultNode_NoLiveNodeExit1()
    {
        using var broker = new DevBroker();
        broker.CreateTopic("actorstreams-members", 1, compacted: true);
        var defaultNode = $"127.0.0.1:{HttpAdminApiTests.ClosedPort()}";

        var result = await InspectionHarness.RunAsync(
            new InspectionServices { DefaultNode = NodeAddress.Parse(defaultNode) },
            "--bootstrap", broker.BootstrapServers, "--timeout", "20s", "cluster", "show");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(
            [
                $"error: no live ActorStreams node found in actorstreams-members on {broker.BootstrapServers}; start one with ./actorstreams node or pass --node host:port",
                $"  default {defaultNode}: connection refused",
                "",
            ],
            InspectionHarness.Lines(result.Error));
    }

    [Fact]
    public async Task ClusterShow_KafkaDownAndNoDefaultNode_BothReportedWithoutWaitingForTheTimeout()
    {
        var bootstrap = $"127.0.0.1:{HttpAdminApiTests.ClosedPort()}";
        var defaultNode = $"127.0.0.1:{HttpAdminApiTests.ClosedPort()}";

        // A 10-minute timeout: only the immediate refusal can end this test in time.
        var result = await InspectionHarness.RunAsync(
            new InspectionServices { DefaultNode = NodeAddress.Parse(defaultNode) },
            "--bootstrap", bootstrap, "--timeout", "10m", "cluster", "show");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(
            [
                $"error: no live ActorStreams node found in actorstreams-members on {bootstrap}; start one with ./actorstreams node or pass --node host:port",
                $"  cannot reach Kafka at {bootstrap}: connection refused",
                $"  default {defaultNode}: connection refused",
                "",
            ],
            InspectionHarness.Lines(result.Error));
    }

    private static Task Produce(KafkaSink sink, KafkaSettings settings, string key, string json) =>
        sink.ProduceAndWaitAsync(settings.Topics.Members, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(json));

    /// <summary>Captures output and cancels <paramref name="stop"/> once <paramref name="lines"/> lines were written: Ctrl-C after two events.</summary>
    private sealed class LineSignallingWriter(int lines, CancellationTokenSource stop) : StringWriter
    {
        private int _lines;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (Interlocked.Increment(ref _lines) == lines)
            {
                stop.Cancel();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
