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
    [InlineData(new[] { "cmd" }, new[] { "cluster", "shards", "entity", "lag", "--node", "--config", "--json", "--timeout" })]
    [InlineData(new[] { "cmd", "cluster" }, new[] { "show", "leave <node-id>", "tail" })]
    [InlineData(new[] { "cmd", "shards" }, new[] { "show" })]
    [InlineData(new[] { "cmd", "entity" }, new[] { "show <customer|loan|merchant> <id>" })]
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

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    public async Task ClusterShow_WithoutNode_AsksTheAdminApiTheConfigurationNames(string bind)
    {
        await using var server = await StubAdminServer.StartAsync(app =>
            app.MapGet("/api/cluster", () => Results.Text(CannedJson.Cluster, "application/json")));
        var port = server.Address[(server.Address.LastIndexOf(':') + 1)..];
        using var config = new TempConfig($"actorstreams.http {{ bind = \"{bind}\", port = {port} }}");

        var result = await CliRunner.RunAsync("cmd", "--config", config.Path, "cluster", "show");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        // A node bound to every interface is asked on loopback.
        Assert.Contains($"as seen by node-1 (*) at 127.0.0.1:{port}", result.Output, StringComparison.Ordinal);
        Assert.Contains("Count: 3 nodes", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterShow_WithoutNodeAndNothingAtTheConfiguredPort_ConnectionRefusedWithoutWaitingForTheTimeout()
    {
        var port = HttpAdminApiTests.ClosedPort();
        using var config = new TempConfig($"actorstreams.http.port = {port}");

        // A 10-minute timeout: only the immediate refusal can end this test in time.
        var result = await CliRunner.RunAsync("cmd", "--config", config.Path, "--timeout", "10m", "cluster", "show");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"error: cannot reach node at 127.0.0.1:{port}: connection refused", result.Error.TrimEnd());
    }

    [Fact]
    public async Task Cmd_Bootstrap_NoLongerAnOptionExit2()
    {
        var result = await CliRunner.RunAsync("cmd", "--bootstrap", "127.0.0.1:9092", "cluster", "show");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--bootstrap", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A HOCON file for <c>--config</c>, deleted on dispose.</summary>
    private sealed class TempConfig : IDisposable
    {
        public TempConfig(string hocon)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actorstreams-cmd-{Guid.NewGuid():N}.conf");
            File.WriteAllText(Path, hocon + "\n");
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }

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
