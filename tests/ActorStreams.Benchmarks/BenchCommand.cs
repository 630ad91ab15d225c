using System.CommandLine;
using System.Globalization;
using ActorStreams.Cli;
using ActorStreams.Cli.Commands;
using ActorStreams.Benchmarks.EndToEnd;
using ActorStreams.Benchmarks.Handoff;
using ActorStreams.Benchmarks.Kafka;

namespace ActorStreams.Benchmarks;

/// <summary><c>actorstreams bench &lt;suite&gt;</c>: the benchmark suites (run them on a Release build, which the launcher makes).</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Run a benchmark suite and print its figures (see the README's performance section).");
        command.Subcommands.Add(Actors(context));
        command.Subcommands.Add(KafkaConsume(context));
        command.Subcommands.Add(EndToEnd(context));
        command.Subcommands.Add(HandoffCommand(context));
        return command;
    }

    private static Command HandoffCommand(CliContext context)
    {
        var command = new Command(
            "handoff",
            "Partition handoff: a node with ~N active customers per partition is joined by a second node on the same SQLite store; reports the drain + final " +
            "checkpoint time of the old owner, the start time of the new one and the time until a moved customer is processed again.");
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic (half of them move).", DefaultValueFactory = _ => 4 };
        var entities = new Option<int>("--entities") { Description = "Active customers per partition.", DefaultValueFactory = _ => 10_000 };
        command.Options.Add(partitions);
        command.Options.Add(entities);
        command.SetAction(async (parse, ct) =>
        {
            var partitionCount = parse.GetValue(partitions);
            if (partitionCount is < 2 or > 64)
            {
                throw new UsageException($"--partitions must be between 2 and 64, got {partitionCount.ToString(CultureInfo.InvariantCulture)}");
            }

            var entityCount = parse.GetValue(entities);
            if (entityCount is < 100 or > 1_000_000)
            {
                throw new UsageException($"--entities must be between 100 and 1000000, got {entityCount.ToString(CultureInfo.InvariantCulture)}");
            }

            using var signal = new ShutdownSignal(ct);
            await HandoffBenchmark.RunAsync(
                new HandoffBenchmarkOptions { Partitions = partitionCount, EntitiesPerPartition = entityCount, Home = context.Home },
                context.Output,
                signal.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command EndToEnd(CliContext context)
    {
        var command = new Command(
            "e2e",
            "End to end on one node: preloads generated transactions into the dev broker (not timed), then times consume -> customer actors -> " +
            "repartition -> merchant actors -> outputs delivered, and reports the memory per entity.");
        var events = new Option<long>("--events") { Description = "Transactions to preload and process.", DefaultValueFactory = _ => 1_000_000 };
        var customers = new Option<int>("--customers") { Description = "Distinct customers (entities).", DefaultValueFactory = _ => 100_000 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic (0 = enough for the dev broker's 5 MiB per-partition retention)." };
        var store = new Option<string>("--store") { Description = "State store: memory, sqlite:<path> or postgres://user@host:port/db.", DefaultValueFactory = _ => "memory" };
        var seed = new Option<long>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 42 };
        var set = CommonOptions.Set();
        foreach (var option in new Option[] { events, customers, partitions, store, seed, set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(events);
            if (count is < 1_000 or > 100_000_000)
            {
                throw new UsageException($"--events must be between 1000 and 100000000, got {count.ToString(CultureInfo.InvariantCulture)}");
            }

            var customerCount = parse.GetValue(customers);
            if (customerCount is < 1 or > 10_000_000)
            {
                throw new UsageException($"--customers must be between 1 and 10000000, got {customerCount.ToString(CultureInfo.InvariantCulture)}");
            }

            var partitionCount = parse.GetValue(partitions);
            if (partitionCount is < 0 or > 1_000)
            {
                throw new UsageException($"--partitions must be between 0 and 1000, got {partitionCount.ToString(CultureInfo.InvariantCulture)}");
            }

            using var signal = new ShutdownSignal(ct);
            await EndToEndBenchmark.RunAsync(
                new EndToEndBenchmarkOptions
                {
                    Events = count,
                    Customers = customerCount,
                    Partitions = partitionCount,
                    Store = parse.GetValue(store)!,
                    Seed = parse.GetValue(seed),
                    Home = context.Home,
                    Overrides = CommonOptions.ParseSettings(parse.GetValue(set)),
                },
                context.Output,
                signal.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command KafkaConsume(CliContext context)
    {
        var command = new Command(
            "kafka-consume",
            "Raw Kafka consume rate on the dev broker: preloads N transaction records (not timed), then times a bare consume loop, consume + decode, the partitioned source, and kcat on the same topic.");
        var events = new Option<long>("--events") { Description = "Records to preload and consume.", DefaultValueFactory = _ => 1_000_000 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of the topic (0 = enough for the 5 MiB per-partition retention of the dev broker)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the preloaded records.", DefaultValueFactory = _ => 42 };
        var noKcat = new Option<bool>("--no-kcat") { Description = "Skip the kcat comparison." };
        command.Options.Add(events);
        command.Options.Add(partitions);
        command.Options.Add(seed);
        command.Options.Add(noKcat);
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(events);
            if (count is < 1_000 or > 100_000_000)
            {
                throw new UsageException($"--events must be between 1000 and 100000000, got {count.ToString(CultureInfo.InvariantCulture)}");
            }

            var partitionCount = parse.GetValue(partitions);
            if (partitionCount is < 0 or > 1_000)
            {
                throw new UsageException($"--partitions must be between 0 and 1000, got {partitionCount.ToString(CultureInfo.InvariantCulture)}");
            }

            var options = new KafkaConsumeBenchmarkOptions
            {
                Events = count,
                Partitions = partitionCount,
                Seed = parse.GetValue(seed),
                IncludeKcat = !parse.GetValue(noKcat),
            };
            using var signal = new ShutdownSignal(ct);
            await KafkaConsumeBenchmark.RunAsync(options, context.Output, signal.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Actors(CliContext context)
    {
        var command = new Command(
            "actors",
            "The product's entity path against plain Akka.NET, measured in the same run: plain-actor ping-pong, one-way tell and keyed routing through a parent; " +
            "the same routing through a shard region of a one-node cluster; EntityCommands to counter and customer PartitionEntities driven as a partition's " +
            "router drives them; managed memory per idle plain actor and per idle customer entity. Prints messages/s (median of the runs) and bytes per actor.");
        var runs = new Option<int>("--runs") { Description = "Measured runs per case; the median is reported.", DefaultValueFactory = _ => 3 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up runs per case, not reported.", DefaultValueFactory = _ => 1 };
        var filter = new Option<string?>("--filter") { Description = $"Comma-separated parts of case names to run. Cases: {string.Join(", ", ActorBenchmarks.CaseNames)}." };
        var quick = new Option<bool>("--quick") { Description = "A tenth of the messages (and idle actors) per case: a smoke run, not a measurement." };
        var scale = new Option<double?>("--scale") { Description = "Multiply each case's message (and idle-actor) count (overrides --quick)." };
        command.Options.Add(runs);
        command.Options.Add(warmup);
        command.Options.Add(filter);
        command.Options.Add(quick);
        command.Options.Add(scale);
        command.SetAction(async (parse, ct) =>
        {
            var options = new ActorBenchmarkOptions
            {
                Runs = Positive(parse.GetValue(runs), "--runs"),
                WarmupRuns = NotNegative(parse.GetValue(warmup), "--warmup"),
                Filter = parse.GetValue(filter),
                Scale = parse.GetValue(scale) is { } s ? PositiveScale(s) : parse.GetValue(quick) ? 0.1 : 1.0,
            };
            if (options.Filter is { } f && !f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Any(part => ActorBenchmarks.CaseNames.Any(n => n.Contains(part, StringComparison.OrdinalIgnoreCase))))
            {
                throw new UsageException($"--filter \"{f}\" matches no case; cases: {string.Join(", ", ActorBenchmarks.CaseNames)}");
            }

            using var signal = new ShutdownSignal(ct);
            await ActorBenchmarks.RunAsync(options, context.Output, signal.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Positive(int value, string flag) =>
        value >= 1 ? value : throw new UsageException($"{flag} must be a positive integer, got {value.ToString(CultureInfo.InvariantCulture)}");

    private static int NotNegative(int value, string flag) =>
        value >= 0 ? value : throw new UsageException($"{flag} must not be negative, got {value.ToString(CultureInfo.InvariantCulture)}");

    private static double PositiveScale(double value) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"--scale must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}");
}
