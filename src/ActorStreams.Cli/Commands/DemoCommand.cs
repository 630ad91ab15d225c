using System.CommandLine;
using ActorStreams.Cli.Demo;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams demo [--duration D] [--nodes N] [--rate R] [--customers N] [--fraud-ratio X] [--partitions P] [--seed S]
/// [--store S] [--elasticsearch URL] [--lake DIR|s3://…] [--churn-model F | --no-behaviour] [--config F] [--set k=v] [--no-ui]</c>: everything in one process, with a live view (docs/design.md §7).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "demo",
            "Everything in one process: the embedded dev broker, the offers and customer-details reference data, N cluster nodes,\n" +
            "live generators of transactions (with injected fraud), customer activity and loan applications, and a live view of events/s,\n" +
            "fraud alerts per rule, churn alerts, merchant categories, lag and the cluster. At start it generates a customer-events\n" +
            "backfill (300 customers, 120 days), trains a churn model on it and produces it, so the nodes score customers\n" +
            "(CHURN_MODEL alerts). Ctrl-C (or the end of --duration) stops cleanly and prints a summary.\n" +
            "Configuration: hocon/demo.conf is the --config layer unless --config is given.");
        var duration = new Option<string?>("--duration") { Description = "Stop by itself after this long (e.g. 30s, 2m), counted from the start of the live data. Default: until Ctrl-C.", HelpName = "duration" };
        var nodes = new Option<int>("--nodes") { Description = $"Cluster nodes in this process (demo-1..demo-N, one cluster), 1 to {DemoOptions.MaxNodes}.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var rate = new Option<double>("--rate") { Description = "Transactions per second (customer activity runs at a quarter of it).", DefaultValueFactory = _ => 200, HelpName = "R" };
        var customers = new Option<int?>("--customers")
        {
            Description = "Customers (ids 1..N); customer-details is preloaded for each. Default: 120 x rate, at least 1000 (24000 at 200/s), so that each " +
                "customer pays about every two minutes and alerts are the injected fraud, not genuine payments that happen to come close together.",
            HelpName = "N",
        };
        var fraudRatio = new Option<double>("--fraud-ratio") { Description = "Share of transactions that are injected fraud, in [0, 1).", DefaultValueFactory = _ => 0.02, HelpName = "X" };
        var partitions = new Option<int?>("--partitions") { Description = "Partitions per topic, i.e. shards (default: actorstreams.kafka.partitions, 12).", HelpName = "P" };
        var seed = new Option<long?>("--seed") { Description = "Generator seed (default: actorstreams.generator.seed, 42).", HelpName = "S" };
        var store = new Option<string?>("--store") { Description = "State store (default: actorstreams.store.uri, \"temporary\" in demo.conf: one SQLite file in a new temporary directory, shared " +
                "by the demo's nodes and deleted at the end); memory (each node its own, held in the heap), sqlite:<path> or postgres://user@host:port/db.", HelpName = "uri" };
        var elasticsearch = CommonOptions.Elasticsearch();
        var lake = CommonOptions.Lake();
        var configFile = CommonOptions.ConfigFile();
        configFile.Description = "A HOCON file used instead of hocon/demo.conf (over hocon/application.conf).";
        var set = CommonOptions.Set();
        var noUi = new Option<bool>("--no-ui") { Description = "Print a compact progress line every 2 s instead of the live view (also when standard output is not a terminal); node warnings go to standard error." };
        var churnModel = new Option<string?>("--churn-model")
        {
            Description = "A churn model zip written by train churn (its .metrics.json next to it) for the nodes, instead of the one trained at start. " +
                "A model that does not load exits with 2.",
            HelpName = "file.zip",
        };
        var noBehaviour = new Option<bool>("--no-behaviour") { Description = "No customer-events backfill and no churn model: nothing is generated or trained at start." };
        foreach (var option in new Option[] { duration, nodes, rate, customers, fraudRatio, partitions, seed, store, elasticsearch, lake, churnModel, noBehaviour, configFile, set, noUi })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var options = new DemoOptions
            {
                Duration = DemoOptions.ParseDuration(parse.GetValue(duration)),
                Nodes = parse.GetValue(nodes),
                Rate = parse.GetValue(rate),
                Customers = parse.GetValue(customers),
                FraudRatio = parse.GetValue(fraudRatio),
                Partitions = parse.GetValue(partitions),
                Seed = parse.GetValue(seed),
                Store = parse.GetValue(store),
                Elasticsearch = parse.GetValue(elasticsearch),
                Lake = parse.GetValue(lake),
                ConfigFile = parse.GetValue(configFile),
                Overrides = CommonOptions.ParseSettings(parse.GetValue(set)),
                NoUi = parse.GetValue(noUi),
                ChurnModel = parse.GetValue(churnModel),
                NoBehaviour = parse.GetValue(noBehaviour),
            }.Validate();
            return await DemoRunner.RunAsync(context, options, ct).ConfigureAwait(false);
        });
        return command;
    }
}
