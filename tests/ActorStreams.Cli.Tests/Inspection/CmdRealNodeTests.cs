using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Producer;
using ActorStreams.Node;
using ActorStreams.TestKit;

namespace ActorStreams.Cli.Tests.Inspection;

/// <summary>
/// <c>actorstreams cmd</c> against a real in-process node (dev broker, in-memory store, a cluster of its own, remoting and
/// admin API on free ports) that processed a few transactions: the client and the node's implementation of
/// docs/admin-api.md agree.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CmdRealNodeTests
{
    private const int Partitions = 2;
    private const long Customer = 42;
    private const int Transactions = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryCommand_RealNodeThatProcessedTransactions_AnswersAndRenders()
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
            // No idle announcements through the repartition topic while the test reads the lag.
            new("actorstreams.merchant.idle-timeout", "10m"),
        ]);
        var node = await ActorStreamsNode.StartAsync(new NodeOptions { Config = config }, CancellationToken.None);
        try
        {
            var address = node.HttpAddress;

            // The tail doubles as the readiness barrier: it stops once the node reported itself up and a customer partition assigned.
            using var stop = new CancellationTokenSource(Timeout);
            using var events = new StopWhenSeen(stop, "member-up", "transactions[");
            using var tailErrors = new StringWriter();
            var tail = await CliApplication.RunAsync(["cmd", "--node", address, "cluster", "tail"], events, tailErrors, stop.Token);
            Assert.Equal(ExitCodes.Ok, tail);
            Assert.True(events.SeenAll, "events seen: " + events);
            var lines = InspectionHarness.Lines(events.ToString());
            Assert.Contains(lines, l => l.Contains("  member-up ", StringComparison.Ordinal) && l.EndsWith($"  cmd-node  cmd-node at {address}", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("partitions-assigned  cmd-node  ", StringComparison.Ordinal) && l.Contains("transactions[", StringComparison.Ordinal));

            await ProduceAsync(node.Kafka);
            await Eventually.Until(
                () => node.EntityMetrics.Transactions >= Transactions
                    && node.EntityMetrics.MerchantTransactions + node.EntityMetrics.MerchantLateEvents >= Transactions
                    && node.Status().InFlight == 0
                    && node.Lag().All(l => l.Lag == 0),
                Timeout,
                $"the node processed the {Transactions} transactions");

            // The members' partitions come from what each member tells the others every 2 s: wait for the news.
            await Eventually.UntilAsync(
                async () =>
                {
                    var view = await CliRunner.RunAsync("cmd", "--node", address, "--json", "cluster", "show");
                    using var json = JsonDocument.Parse(view.Output);
                    return json.RootElement.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("partitions").GetArrayLength() == Partitions);
                },
                Timeout,
                "cluster show lists the node's partitions");

            var cluster = await CliRunner.RunAsync("cmd", "--node", address, "cluster", "show");
            Assert.True(cluster.ExitCode == ExitCodes.Ok, cluster.Error);
            Assert.Contains(InspectionHarness.Lines(cluster.Output), l => l.StartsWith($"cmd-node *  {address}  up", StringComparison.Ordinal) && l.Contains("0-1", StringComparison.Ordinal));
            Assert.Contains("Count: 1 node", InspectionHarness.Lines(cluster.Output));

            var shards = await CliRunner.RunAsync("cmd", "--node", address, "shards", "show");
            Assert.True(shards.ExitCode == ExitCodes.Ok, shards.Error);
            Assert.Contains("Total: 6 shards (2 customer, 2 loan, 2 merchant) on 1 node, 2 active entities, lag 0", InspectionHarness.Lines(shards.Output));

            var lag = await CliRunner.RunAsync("cmd", "--node", address, "lag", "show", "--local");
            Assert.True(lag.ExitCode == ExitCodes.Ok, lag.Error);
            Assert.Contains("Total lag: 0", InspectionHarness.Lines(lag.Output));

            var customer = await CliRunner.RunAsync("cmd", "--node", address, "entity", "show", "customer", "42");
            Assert.True(customer.ExitCode == ExitCodes.Ok, customer.Error);
            var customerLines = InspectionHarness.Lines(customer.Output);
            Assert.Equal(["KIND       customer", "ID         42"], customerLines[..2]);
            Assert.Contains("OWNER      cmd-node", customerLines);
            Assert.Contains("SOURCE     in memory (active on its owner)", customerLines);
            Assert.Contains("|-- customer_id: 42", customerLines);
            Assert.Contains(customerLines, l => l.EndsWith($"-- transactions: {Transactions}", StringComparison.Ordinal));

            var merchant = await CliRunner.RunAsync("cmd", "--node", address, "entity", "show", "merchant", $"M-{Customer % 5}");
            Assert.True(merchant.ExitCode == ExitCodes.Ok, merchant.Error);
            Assert.Contains("OWNER      cmd-node", InspectionHarness.Lines(merchant.Output));

            var never = await CliRunner.RunAsync("cmd", "--node", address, "entity", "show", "customer", "43");
            Assert.Equal(ExitCodes.Failure, never.ExitCode);
            Assert.Equal("error: customer 43 not found (never seen by the cluster)", never.Error.TrimEnd());

            var unknown = await CliRunner.RunAsync("cmd", "--node", address, "cluster", "leave", "node-9");
            Assert.Equal(ExitCodes.Failure, unknown.ExitCode);
            Assert.Equal("error: node-9 is not a member of the cluster (members: cmd-node)", unknown.Error.TrimEnd());

            // Without --node, cmd asks the admin API the configuration names.
            var file = Path.Combine(home.FullName, "cmd.conf");
            await File.WriteAllTextAsync(file, $"actorstreams.http.port = {address[(address.LastIndexOf(':') + 1)..]}\n");
            var configured = await CliRunner.RunAsync("cmd", "--config", file, "--json", "cluster", "show");
            Assert.True(configured.ExitCode == ExitCodes.Ok, configured.Error);
            using var answer = JsonDocument.Parse(configured.Output);
            Assert.Equal("cmd-node", answer.RootElement.GetProperty("self").GetString());
            Assert.Equal(node.AkkaAddress, answer.RootElement.GetProperty("members")[0].GetProperty("akka_address").GetString());
        }
        finally
        {
            await node.StopAsync();
            home.Delete(recursive: true);
        }
    }

    /// <summary>Produces the customer's transactions to its partition (murmur2 of the key) and waits for their delivery.</summary>
    private static async Task ProduceAsync(KafkaSettings kafka)
    {
        await using var sink = new KafkaSink(kafka, clientIdSuffix: "cmd-tests-input");
        for (var i = 0; i < Transactions; i++)
        {
            var json = string.Create(CultureInfo.InvariantCulture,
                $$"""{"transaction_id":"tx-{{i}}","customer_id":{{Customer}},"merchant_id":"M-{{Customer % 5}}","merchant_category":"grocery","amount":{{10 + i}}.5,"currency":"EUR","payment_method":"credit_card","device_id":"dev-1","ip_address":"10.0.0.1","timestamp":"2026-11-22T05:0{{i}}:00.000Z"}""");
            await sink.ProduceAsync(kafka.Topics.Transactions, Customer.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(json));
        }

        await sink.FlushAsync();
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
