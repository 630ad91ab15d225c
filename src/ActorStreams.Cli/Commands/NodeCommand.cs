using System.CommandLine;
using System.Globalization;
using ActorStreams.Node;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli.Commands;

/// <summary><c>actorstreams node [--config F] [--bootstrap B] [--store S] [--node-id N] [--http-port P]</c>: one cluster node.</summary>
internal static class NodeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "node",
            "Run one cluster node in the foreground: it joins the cluster's consumer group, hosts the customer and merchant shards of its partitions " +
            "and writes fraud alerts, churn alerts, enriched records and merchant metrics. Ctrl-C or SIGTERM leaves the cluster with a handoff.");
        var configFile = CommonOptions.ConfigFile();
        var bootstrap = CommonOptions.Bootstrap();
        var store = new Option<string?>("--store") { Description = "State store: sqlite:<path> (default sqlite:data/actorstreams.db), postgres://user@host:port/db, or memory.", HelpName = "uri" };
        var nodeId = new Option<string?>("--node-id") { Description = "This node's id, unique in the cluster (default: host-pid).", HelpName = "id" };
        var httpPort = new Option<int?>("--http-port") { Description = "Admin API port (0 picks a free port and prints it).", HelpName = "port" };
        var set = CommonOptions.Set();
        var verbose = new Option<bool>("--verbose") { Description = "Log at debug level." };
        foreach (var option in new Option[] { configFile, bootstrap, store, nodeId, httpPort, set, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var overrides = CommonOptions.ParseSettings(parse.GetValue(set)).ToList();
            CommonOptions.AddBootstrap(overrides, parse.GetValue(bootstrap));
            if (parse.GetValue(store) is { } storeUri)
            {
                overrides.Add(new("actorstreams.store.uri", storeUri));
            }

            if (parse.GetValue(nodeId) is { } id)
            {
                overrides.Add(new("actorstreams.cluster.node-id", id));
            }

            if (parse.GetValue(httpPort) is { } port)
            {
                if (port is < 0 or > 65535)
                {
                    throw new UsageException($"--http-port must be between 0 and 65535, got {port.ToString(CultureInfo.InvariantCulture)}");
                }

                overrides.Add(new("actorstreams.http.port", port.ToString(CultureInfo.InvariantCulture)));
            }

            var config = ActorStreamsConfig.Load(context, parse.GetValue(configFile), overrides);
            using var loggerFactory = CliLogging.Create(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            using var signal = new ShutdownSignal(ct);
            var node = await ActorStreamsNode.StartAsync(new NodeOptions { Config = config, LoggerFactory = loggerFactory }, signal.Token).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"node {node.NodeId} running (group {node.Cluster.GroupId}, bootstrap {node.Kafka.BootstrapServers}, store {node.Store.Description}); admin API on http://{node.HttpAddress}; Ctrl-C leaves the cluster").ConfigureAwait(false);
            await Task.WhenAny(Task.Delay(Timeout.Infinite, signal.Token), node.Faulted, node.Stopped).ConfigureAwait(false);
            // A handoff needs the brokers; when they are gone the leave cannot complete, so bound it (a second Ctrl-C kills at once).
            var stopLimit = node.Cluster.HandoffTimeout + node.Cluster.SessionTimeout + TimeSpan.FromSeconds(30);
            try
            {
                await node.StopAsync().WaitAsync(stopLimit, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await context.Error.WriteLineAsync($"error: node {node.NodeId} could not leave the cluster within {stopLimit.TotalSeconds:0} s (are the Kafka brokers reachable?); exiting without a handoff, its partitions move after the session timeout").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (node.LeaveRequested.IsCompleted)
            {
                await context.Output.WriteLineAsync($"node {node.NodeId} left the cluster (leave requested through the admin API)").ConfigureAwait(false);
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
}
