using System.Globalization;
using System.Text.Json;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Node;

namespace ActorStreams.Cli.Tests.Inspection;

/// <summary>
/// <c>actorstreams cmd</c> against a real in-process node (dev broker, in-memory store, admin API on a free port):
/// the client and the node's implementation of docs/admin-api.md agree, membership records included.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CmdRealNodeTests
{
    private const int Partitions = 2;

    [Fact]
    public async Task EveryCommand_RealNode_AnswersAndRenders()
    {
        var home = Directory.CreateTempSubdirectory("actorstreams-cmd-tests-");
        var kafka = KafkaSettings.Default with { Partitions = Partitions };
        using var broker = DevBroker.Start(kafka);
        var config = NodeConfiguration.Load(home.FullName, null,
        [
            new("actorstreams.kafka.bootstrap", broker.BootstrapServers),
            new("actorstreams.kafka.partitions", Partitions.ToString(CultureInfo.InvariantCulture)),
            new("actorstreams.store.uri", "memory"),
            new("actorstreams.cluster.node-id", "cmd-node"),
            new("actorstreams.http.port", "0"),
            new("actorstreams.metrics.log-interval", "0s"),
        ]);
        var node = await ActorStreamsNode.StartAsync(new NodeOptions { Config = config }, CancellationToken.None);
        try
        {
            var address = node.HttpAddress;

            // The tail doubles as the readiness barrier: it stops once the node reported itself up and its partitions assigned.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var events = new StopWhenSeen(stop, "member-up", "partitions-assigned");
            using var tailErrors = new StringWriter();
            var tail = await CliApplication.RunAsync(["cmd", "--node", address, "cluster", "tail"], events, tailErrors, stop.Token);
            Assert.Equal(ExitCodes.Ok, tail);
            Assert.True(events.SeenAll, "events seen: " + events);
            Assert.Contains(
                InspectionHarness.Lines(events.ToString()),
                l => l.Contains("partitions-assigned  cmd-node  ", StringComparison.Ordinal) && l.Contains("transactions[0-1]", StringComparison.Ordinal));

            // The members' partitions come from their heartbeats (every 2 s): wait for the first one after the assignment.
            await UntilAsync(
                async () =>
                {
                    var view = await CliRunner.RunAsync("cmd", "--node", address, "--json", "cluster", "show");
                    using var json = JsonDocument.Parse(view.Output);
                    return json.RootElement.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("partitions").GetArrayLength() == Partitions);
                },
                TimeSpan.FromSeconds(30));

            var cluster = await CliRunner.RunAsync("cmd", "--node", address, "cluster", "show");
            Assert.True(cluster.ExitCode == ExitCodes.Ok, cluster.Error);
            Assert.Contains(InspectionHarness.Lines(cluster.Output), l => l.StartsWith($"cmd-node *  {address}  up", StringComparison.Ordinal) && l.Contains("0-1", StringComparison.Ordinal));
            Assert.Contains("Count: 1 node", InspectionHarness.Lines(cluster.Output));

            var shards = await CliRunner.RunAsync("cmd", "--node", address, "shards", "show");
            Assert.True(shards.ExitCode == ExitCodes.Ok, shards.Error);
            Assert.Contains("Total: 4 shards (2 customer, 2 merchant) on 1 node, 0 active entities, lag 0", InspectionHarness.Lines(shards.Output));

            var lag = await CliRunner.RunAsync("cmd", "--node", address, "lag", "show", "--local");
            Assert.True(lag.ExitCode == ExitCodes.Ok, lag.Error);
            Assert.Contains("Total lag: 0", InspectionHarness.Lines(lag.Output));

            var entity = await CliRunner.RunAsync("cmd", "--node", address, "entity", "show", "customer", "42");
            Assert.Equal(ExitCodes.Failure, entity.ExitCode);
            Assert.Equal("error: customer 42 not found (never seen by the cluster)", entity.Error.TrimEnd());

            var unknown = await CliRunner.RunAsync("cmd", "--node", address, "cluster", "leave", "node-9");
            Assert.Equal(ExitCodes.Failure, unknown.ExitCode);
            Assert.Equal("error: node-9 is not a member of the cluster (members: cmd-node)", unknown.Error.TrimEnd());

            // Discovery reads the node's own membership records.
            var discovered = await CliRunner.RunAsync("cmd", "--bootstrap", broker.BootstrapServers, "--timeout", "20s", "--json", "cluster", "show");
            Assert.True(discovered.ExitCode == ExitCodes.Ok, discovered.Error);
            using var json = JsonDocument.Parse(discovered.Output);
            Assert.Equal("cmd-node", json.RootElement.GetProperty("self").GetString());
        }
        finally
        {
            await node.StopAsync();
            home.Delete(recursive: true);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/>.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {timeout}");
            await Task.Delay(100);
        }
    }

    /// <summary>Captures output lines and cancels once every one of <paramref name="needles"/> appeared in some line.</summary>
    private sealed class StopWhenSeen(CancellationTokenSource stop, params string[] needles) : StringWriter
    {
        private readonly HashSet<string> _missing = [.. needles];

        public bool SeenAll
        {
            get
            {
                lock (_missing)
                {
                    return _missing.Count == 0;
                }
            }
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            lock (_missing)
            {
                _missing.RemoveWhere(n => value?.Contains(n, StringComparison.Ordinal) == true);
                if (_missing.Count == 0)
                {
                    stop.Cancel();
                }
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
