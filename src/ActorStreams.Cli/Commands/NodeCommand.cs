using System.CommandLine;
using System.Globalization;
using ActorStreams.Node;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams node [--config F] [--bootstrap B] [--store S] [--node-id N] [--http-port P] [--port R] [--seed host:port]... [--elasticsearch URL] [--lake URI]</c>:
/// one cluster node.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "node",
            "Run one cluster node in the foreground: it joins the Akka cluster through its seed nodes (or forms one alone), runs the customer and " +
            "merchant partitions the cluster gives it and writes fraud alerts, churn alerts, enriched records and merchant metrics. Ctrl-C or SIGTERM " +
            "leaves the cluster with a handoff.");
        var configFile = CommonOptions.ConfigFile();
        var bootstrap = CommonOptions.Bootstrap();
        var store = new Option<string?>("--store") { Description = "State store: sqlite:<path> (default sqlite:data/actorstreams.db), postgres://user@host:port/db, or memory.", HelpName = "uri" };
        var nodeId = new Option<string?>("--node-id") { Description = "This node's id, unique in the cluster (default: host-pid).", HelpName = "id" };
        var httpPort = new Option<int?>("--http-port") { Description = "Admin API port (0 picks a free port and prints it).", HelpName = "port" };
        var port = new Option<int?>("--port") { Description = "Akka remoting port, what other nodes' --seed names (0 = any free port; default akka.remote.dot-netty.tcp.port).", HelpName = "port" };
        var seeds = new Option<string[]>("--seed")
        {
            Description = "A seed node to join, host:port of its --port (repeatable). Without any the node forms a cluster of its own (default akka.cluster.seed-nodes).",
            HelpName = "host:port",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var elasticsearch = CommonOptions.Elasticsearch();
        var lake = CommonOptions.Lake();
        var set = CommonOptions.Set();
        var verbose = new Option<bool>("--verbose") { Description = "Log at debug level." };
        foreach (var option in new Option[] { configFile, bootstrap, store, nodeId, httpPort, port, seeds, elasticsearch, lake, set, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var overrides = CommonOptions.ParseSettings(parse.GetValue(set)).ToList();
            CommonOptions.AddBootstrap(overrides, parse.GetValue(bootstrap));
            CommonOptions.AddElasticsearch(overrides, parse.GetValue(elasticsearch));
            CommonOptions.AddLake(overrides, parse.GetValue(lake));
            if (parse.GetValue(store) is { } storeUri)
            {
                overrides.Add(new("actorstreams.store.uri", storeUri));
            }

            if (parse.GetValue(nodeId) is { } id)
            {
                overrides.Add(new("actorstreams.cluster.node-id", id));
            }

            if (parse.GetValue(httpPort) is { } http)
            {
                overrides.Add(new("actorstreams.http.port", CheckPort(http, "--http-port")));
            }

            if (parse.GetValue(port) is { } remoting)
            {
                overrides.Add(new("akka.remote.dot-netty.tcp.port", CheckPort(remoting, "--port")));
            }

            if (parse.GetValue(seeds) is { Length: > 0 } seedList)
            {
                overrides.Add(new("akka.cluster.seed-nodes", SeedNodes(seedList)));
            }

            var config = ActorStreamsConfig.Load(context, parse.GetValue(configFile), overrides);
            using var loggerFactory = CliLogging.Create(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            using var signal = new ShutdownSignal(ct);
            var node = await ActorStreamsNode.StartAsync(new NodeOptions { Config = config, LoggerFactory = loggerFactory }, signal.Token).ConfigureAwait(false);
            await context.Output.WriteLineAsync(
                $"node {node.NodeId} running at {node.AkkaAddress} (bootstrap {node.Kafka.BootstrapServers}, store {node.Store.Description}); admin API on http://{node.HttpAddress}; Ctrl-C leaves the cluster").ConfigureAwait(false);
            await Task.WhenAny(Task.Delay(Timeout.Infinite, signal.Token), node.Faulted, node.Stopped).ConfigureAwait(false);
            var leftOnItsOwn = node.Stopped.IsCompleted;

            // A handoff needs the brokers and the store; when they are gone the leave cannot complete, so bound it (a second Ctrl-C kills at once).
            var stopLimit = (node.Cluster.HandoffTimeout * 2) + TimeSpan.FromSeconds(60);
            try
            {
                await node.StopAsync().WaitAsync(stopLimit, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await context.Error.WriteLineAsync($"error: node {node.NodeId} could not leave the cluster within {stopLimit.TotalSeconds:0} s (are Kafka and the store reachable?); exiting without a handoff").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (leftOnItsOwn && node.StopReason is ActorStreams.Cluster.Partitions.PartitionTakenOver takenOver)
            {
                await context.Error.WriteLineAsync($"error: node {node.NodeId} shut down: {takenOver} (it was frozen or cut off for longer than the split brain resolver waits); restart it to rejoin").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (leftOnItsOwn)
            {
                await context.Output.WriteLineAsync($"node {node.NodeId} left the cluster{(node.LeaveRequested.IsCompleted ? " (leave requested through the admin API)" : "")}").ConfigureAwait(false);
            }

            if (node.Faulted.IsFaulted)
            {
                await context.Error.WriteLineAsync($"error: node {node.NodeId} stopped after a fault: {node.Faulted.Exception!.InnerException!.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string CheckPort(int port, string flag) =>
        port is >= 0 and <= 65535
            ? port.ToString(CultureInfo.InvariantCulture)
            : throw new UsageException($"{flag} must be between 0 and 65535, got {port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The <c>akka.cluster.seed-nodes</c> list of the <c>--seed host:port</c> values.</summary>
    internal static string SeedNodes(IEnumerable<string> seeds)
    {
        var addresses = new List<string>();
        foreach (var seed in seeds)
        {
            var colon = seed.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(seed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new UsageException($"--seed must be host:port (the --port of a running node), got \"{seed}\"");
            }

            addresses.Add($"\"akka.tcp://actorstreams@{seed}\"");
        }

        return "[" + string.Join(",", addresses) + "]";
    }
}
