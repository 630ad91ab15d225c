using System.CommandLine;
using System.Globalization;
using ActorStreams.Cli;
using ActorStreams.Cli.Commands;
using ActorStreams.Cli.Inspection;
using ActorStreams.Benchmarks.EndToEnd;
using ActorStreams.Benchmarks.Handoff;
using ActorStreams.Benchmarks.Kafka;
using ActorStreams.Benchmarks.Soak;
using ActorStreams.Hocon;
using ActorStreams.Persistence;

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
        command.Subcommands.Add(SoakCommand(context));
        command.Subcommands.Add(DashboardCommand(context));
        command.Subcommands.Add(ChurnScore(context));
        return command;
    }

    private static Command DashboardCommand(CliContext context)
    {
        var command = new Command(
            "dashboard",
            "The live dashboard's cost on a node: fills its state as a full window at the given alert rate would, then times reading records in " +
            "and the once-a-second snapshot (computed and written as JSON), and prints the snapshot's size.");
        var rate = new Option<double>("--alert-rate") { Description = "Fraud alerts per second over the whole window.", DefaultValueFactory = _ => 100 };
        var window = new Option<string>("--window") { Description = "The dashboard's window (actorstreams.dashboard.window).", DefaultValueFactory = _ => "30m", HelpName = "duration" };
        var activities = new Option<int>("--activities") { Description = "Enriched activities held (up to actorstreams.dashboard.max-records).", DefaultValueFactory = _ => 1_000_000 };
        command.Options.Add(rate);
        command.Options.Add(window);
        command.Options.Add(activities);
        command.SetAction(parse =>
        {
            var alertRate = parse.GetValue(rate);
            if (alertRate is not (> 0 and <= 100_000))
            {
                throw new UsageException($"--alert-rate must be between 0 and 100000 (excluding 0), got {alertRate.ToString(CultureInfo.InvariantCulture)}");
            }

            var span = Duration(parse.GetValue(window)!, "--window", TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
            var count = parse.GetValue(activities);
            if (count is < 0 or > 1_000_000)
            {
                throw new UsageException($"--activities must be between 0 and 1000000, got {count.ToString(CultureInfo.InvariantCulture)}");
            }

            Dashboard.DashboardBenchmark.Run(alertRate, span, count, context.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SoakCommand(CliContext context)
    {
        var command = new Command(
            "soak",
            "Soak on one node (set up as bench e2e): live transactions, customer activity (a quarter of the rate) and loan applications (a fortieth) " +
            "at a steady rate for a long time; samples the managed heap, working set, consumer lag, records taken in and active entities every interval, " +
            "prints the samples and judges the trends after the warm-up. Exit code 0 when memory, lag and rate stay within the limits, 1 when not.");
        var duration = new Option<string>("--duration") { Description = "How long the generators run, e.g. 30s, 10m, 1h.", DefaultValueFactory = _ => "10m", HelpName = "duration" };
        var rate = new Option<double>("--rate") { Description = "Transactions per second.", DefaultValueFactory = _ => 5_000 };
        var customers = CustomersOption(
            "Distinct customers; all of them are active entities from the start (their customer-details records are preloaded). Each one's bounded state " +
            "fills at the rate it gets records, so many customers need a longer --warmup.",
            SoakBenchmarkOptions.DefaultCustomers);
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic.", DefaultValueFactory = _ => 12 };
        var store = new Option<string>("--store")
        {
            Description = "State store: temporary (a SQLite file in a new temporary directory, deleted after the run), memory (Akka's in-memory journal keeps " +
                "every checkpoint in the heap), sqlite:<path> or postgres://user@host:port/db; it must hold no earlier run's checkpoints.",
            DefaultValueFactory = _ => TemporaryStore.Name,
        };
        var productState = new Option<bool>("--product-state")
        {
            Description = "Keep the product's per-customer state horizons (fraud lateness 5m, remembered ids 1000 or 24h, enrichment buffer 1000), which fill for " +
                "minutes to hours at soak rates; by default they are shrunk (lateness 5s, ids 2 or 5s, buffer 2) so that every bounded structure is full before the warm-up ends.",
        };
        var seed = SeedOption();
        var warmup = new Option<string?>("--warmup") { Description = "Sampled but not judged: JIT, the start-up burst, the per-customer state filling. Default: 2m for a run of 6m or more, 1m from 3m, else a third of the run.", HelpName = "duration" };
        var interval = new Option<string>("--sample-interval") { Description = "Time between two samples.", DefaultValueFactory = _ => "5s", HelpName = "duration" };
        var fullGc = new Option<string>("--full-gc-interval")
        {
            Description = "How often a sample also forces a full compacting collection to read the live heap, which the memory verdict reads " +
                "(\"off\": never; the verdict then reads the heap as the last collection left it, garbage included).",
            DefaultValueFactory = _ => "30s",
            HelpName = "duration|off",
        };
        var maxHeapSlope = new Option<double>("--max-heap-slope")
        {
            Description = "Most growth of the live heap after the warm-up, MiB per minute.",
            DefaultValueFactory = _ => SoakThresholds.DefaultMaxHeapSlope,
        };
        var maxLagSlope = new Option<double?>("--max-lag-slope") { Description = "Most growth of the total consumer lag after the warm-up, records per minute. Default: the --rate (a second of transactions per minute)." };
        var maxLag = new Option<long?>("--max-lag") { Description = "Most total consumer lag in a sample after the warm-up, records. Default: 10 x --rate (ten seconds of transactions)." };
        var minRate = new Option<double>("--min-rate-ratio")
        {
            Description = "Least share of --rate the node must take in after the warm-up (0 to 1).",
            DefaultValueFactory = _ => SoakThresholds.DefaultMinRateRatio,
        };
        var set = CommonOptions.Set();
        foreach (var option in new Option[] { duration, rate, customers, partitions, store, productState, seed, warmup, interval, fullGc, maxHeapSlope, maxLagSlope, maxLag, minRate, set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var options = SoakOptions(
                context,
                parse.GetValue(duration)!,
                parse.GetValue(rate),
                Customers(parse.GetValue(customers)),
                parse.GetValue(partitions),
                Store(parse.GetValue(store)),
                parse.GetValue(seed),
                parse.GetValue(warmup),
                (parse.GetValue(interval)!, parse.GetValue(fullGc)!),
                (parse.GetValue(maxHeapSlope), parse.GetValue(maxLagSlope), parse.GetValue(maxLag), parse.GetValue(minRate)),
                CommonOptions.ParseSettings(parse.GetValue(set))) with { BoundState = !parse.GetValue(productState) };
            using var signal = new ShutdownSignal(ct);
            var result = await SoakBenchmark.RunAsync(options, context.Output, signal.Token).ConfigureAwait(false);
            return result.Verdict.Stable ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>Checks the soak's flags against each other and builds its options.</summary>
    private static SoakBenchmarkOptions SoakOptions(
        CliContext context,
        string durationText,
        double rate,
        int customers,
        int partitions,
        string store,
        long seed,
        string? warmupText,
        (string Sample, string FullGc) intervals,
        (double HeapSlope, double? LagSlope, long? Lag, double RateRatio) limits,
        IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var duration = Duration(durationText, "--duration", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (!double.IsFinite(rate) || rate is < 1 or > 1_000_000)
        {
            throw new UsageException($"--rate must be between 1 and 1000000 transactions per second, got {rate.ToString(CultureInfo.InvariantCulture)}");
        }

        if (partitions is < 1 or > 1_000)
        {
            throw new UsageException($"--partitions must be between 1 and 1000, got {partitions.ToString(CultureInfo.InvariantCulture)}");
        }

        var warmup = warmupText is null ? SoakBenchmarkOptions.DefaultWarmup(duration) : Duration(warmupText, "--warmup", TimeSpan.Zero, TimeSpan.FromDays(1));
        if (warmup >= duration)
        {
            throw new UsageException($"--warmup ({Formats.Duration(warmup)}) must be shorter than --duration ({Formats.Duration(duration)})");
        }

        var interval = Duration(intervals.Sample, "--sample-interval", TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        TimeSpan? fullGc = intervals.FullGc.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)
            ? null
            : Duration(intervals.FullGc, "--full-gc-interval", TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        if (!double.IsFinite(limits.HeapSlope) || limits.HeapSlope < 0)
        {
            throw new UsageException($"--max-heap-slope must be a number of MiB per minute, 0 or more, got {limits.HeapSlope.ToString(CultureInfo.InvariantCulture)}");
        }

        if (limits.LagSlope is { } lagSlope && (!double.IsFinite(lagSlope) || lagSlope < 0))
        {
            throw new UsageException($"--max-lag-slope must be a number of records per minute, 0 or more, got {lagSlope.ToString(CultureInfo.InvariantCulture)}");
        }

        if (limits.Lag is < 0)
        {
            throw new UsageException($"--max-lag must not be negative, got {limits.Lag.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!double.IsFinite(limits.RateRatio) || limits.RateRatio is <= 0 or > 1)
        {
            throw new UsageException($"--min-rate-ratio must be above 0 and at most 1, got {limits.RateRatio.ToString(CultureInfo.InvariantCulture)}");
        }

        var defaults = SoakThresholds.ForRate(rate);
        var options = new SoakBenchmarkOptions
        {
            Duration = duration,
            Rate = rate,
            Customers = customers,
            Partitions = partitions,
            Store = store,
            Seed = seed,
            Warmup = warmup,
            SampleInterval = interval,
            FullGcInterval = fullGc,
            Thresholds = new SoakThresholds(limits.HeapSlope, limits.LagSlope ?? defaults.MaxLagSlope, limits.Lag ?? defaults.MaxLag, limits.RateRatio),
            Home = context.Home,
            Overrides = overrides,
        };
        if (options.ExpectedJudgedSamples < SoakAnalysis.MinimumSamples)
        {
            throw new UsageException(
                $"--sample-interval {Formats.Duration(interval)} leaves {options.ExpectedJudgedSamples.ToString(CultureInfo.InvariantCulture)} samples after a {Formats.Duration(warmup)} warm-up " +
                $"in {Formats.Duration(duration)}; a trend needs at least {SoakAnalysis.MinimumSamples.ToString(CultureInfo.InvariantCulture)}: sample more often, run longer or warm up less");
        }

        if (fullGc < interval)
        {
            throw new UsageException(
                $"--full-gc-interval ({Formats.Duration(fullGc.Value)}) must not be shorter than --sample-interval ({Formats.Duration(interval)}): the live heap is read on a sample");
        }

        if (fullGc is { } every && options.ExpectedLiveHeapSamples < SoakAnalysis.MinimumSamples)
        {
            throw new UsageException(
                $"--full-gc-interval {Formats.Duration(every)} measures the live heap {options.ExpectedLiveHeapSamples.ToString(CultureInfo.InvariantCulture)} times after a {Formats.Duration(warmup)} warm-up " +
                $"in {Formats.Duration(duration)}; a trend needs at least {SoakAnalysis.MinimumSamples.ToString(CultureInfo.InvariantCulture)}: collect more often, run longer or warm up less");
        }

        return options;
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

    private static Command ChurnScore(CliContext context)
    {
        var command = new Command(
            "churn-score",
            "The cost per customer event of the behaviour features and of online churn scoring, without actors or Kafka: generated customer events " +
            "through one BehaviourState per customer, alone and scored at each session end and purchase with a model trained on them.");
        var customers = new Option<int>("--customers") { Description = "Customers of the generated shop.", DefaultValueFactory = _ => 1_000 };
        var days = new Option<int>("--days") { Description = "Days of the generated shop's history.", DefaultValueFactory = _ => 180 };
        var runs = new Option<int>("--runs") { Description = "Timed passes per case (after one warm-up pass); the median is reported.", DefaultValueFactory = _ => 5 };
        var seed = SeedOption();
        foreach (var option in new Option[] { customers, days, runs, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var customerCount = parse.GetValue(customers);
            if (customerCount is < 10 or > 1_000_000)
            {
                throw new UsageException($"--customers must be between 10 and 1000000, got {customerCount.ToString(CultureInfo.InvariantCulture)}");
            }

            var dayCount = parse.GetValue(days);
            if (dayCount is < 100 or > 3_650)
            {
                throw new UsageException($"--days must be between 100 and 3650 (training needs 90 days of history and two 30-day horizons), got {dayCount.ToString(CultureInfo.InvariantCulture)}");
            }

            var runCount = parse.GetValue(runs);
            if (runCount is < 1 or > 100)
            {
                throw new UsageException($"--runs must be between 1 and 100, got {runCount.ToString(CultureInfo.InvariantCulture)}");
            }

            using var signal = new ShutdownSignal(ct);
            await Churn.ChurnScoringBenchmark.RunAsync(customerCount, dayCount, runCount, parse.GetValue(seed), context.Output, signal.Token).ConfigureAwait(false);
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
        var customers = CustomersOption("Distinct customers (entities).");
        var partitions = new Option<int>("--partitions") { Description = "Partitions per topic (0 = enough for the dev broker's 5 MiB per-partition retention)." };
        var store = StoreOption();
        var seed = SeedOption();
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

            var customerCount = Customers(parse.GetValue(customers));
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
                    Store = Store(parse.GetValue(store)),
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

    private static Option<int> CustomersOption(string description, int defaultValue = 100_000) =>
        new("--customers") { Description = description, DefaultValueFactory = _ => defaultValue };

    private static Option<string> StoreOption() => new("--store")
    {
        Description = "State store: memory, temporary (a SQLite file in a new temporary directory, deleted after the run), sqlite:<path> or postgres://user@host:port/db; it must hold no earlier run's checkpoints.",
        DefaultValueFactory = _ => "memory",
    };

    private static Option<long> SeedOption() => new("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 42 };

    private static int Customers(int value) =>
        value is >= 1 and <= 10_000_000 ? value : throw new UsageException($"--customers must be between 1 and 10000000, got {value.ToString(CultureInfo.InvariantCulture)}");

    private static string Store(string? uri)
    {
        if (TemporaryStore.IsRequested(uri))
        {
            return TemporaryStore.Name;
        }

        try
        {
            StateStoreUri.Validate(uri ?? string.Empty);
            return uri!;
        }
        catch (FormatException e)
        {
            throw new UsageException($"--store: {e.Message}; accepted: {StateStoreUri.AcceptedForms}");
        }
    }

    /// <summary>A duration flag such as <c>30s</c>, <c>10m</c> or <c>1h</c>, between <paramref name="min"/> and <paramref name="max"/>.</summary>
    private static TimeSpan Duration(string text, string flag, TimeSpan min, TimeSpan max) =>
        HoconDuration.TryParse(text.Trim(), out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{flag} must be a duration like 30s, 10m or 1h, from {Formats.Duration(min)} to {Formats.Duration(max)}, got \"{text}\"");

    private static int Positive(int value, string flag) =>
        value >= 1 ? value : throw new UsageException($"{flag} must be a positive integer, got {value.ToString(CultureInfo.InvariantCulture)}");

    private static int NotNegative(int value, string flag) =>
        value >= 0 ? value : throw new UsageException($"{flag} must not be negative, got {value.ToString(CultureInfo.InvariantCulture)}");

    private static double PositiveScale(double value) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"--scale must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}");
}
