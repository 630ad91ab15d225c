using System.CommandLine;
using System.Globalization;
using ActorStreams.Cli.Inspection;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using ActorStreams.Node.Jobs;
using ActorStreams.Warehouse;
using ActorStreams.Warehouse.Jobs;
using Spectre.Console;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams jobs run hourly|fraud-monitor [--at T] [--lake DIR] [--warehouse PATH] [--bootstrap B]</c>: one scheduled
/// job run by hand in this process, without a cluster (docs/lake.md, Scheduled jobs).
/// </summary>
internal static class JobsCommand
{
    /// <summary>The node name runs by hand are recorded under.</summary>
    public const string NodeName = "cli";

    public static Command Create(CliContext context)
    {
        var command = new Command("jobs", "The scheduled jobs (docs/lake.md, Scheduled jobs); a running cluster's runs: cmd jobs show.");
        command.Subcommands.Add(Run(context));
        return command;
    }

    private static Command Run(CliContext context)
    {
        var command = new Command(
            "run",
            "Run one scheduled job now in this process (no cluster needed) and print its result; exit 1 when it fails. hourly: health check of the " +
            "lake and the warehouse, warehouse load of the hours not loaded yet or changed, KPIs of the loaded hours. fraud-monitor: fraud alerts " +
            "by rule and merchant category in the last interval against the trailing baseline; spikes are printed, and produced to the " +
            "fraud-monitor topic with --bootstrap.");
        var job = new Argument<string>("job") { Description = "hourly or fraud-monitor." };
        job.AcceptOnlyFromAmong([.. JobNames.All]);
        var at = new Option<string?>("--at")
        {
            Description = "Run as if scheduled at this ISO-8601 instant (default: now); fraud-monitor evaluates the window that instant's run evaluates.",
            HelpName = "instant",
        };
        var lake = new Option<string?>("--lake") { Description = "The lake directory (default: actorstreams.lake.uri).", HelpName = "dir" };
        var warehouse = WarehouseOptions.Warehouse();
        var bootstrap = new Option<string?>("--bootstrap")
        {
            Description = "fraud-monitor: also produce the spikes to the fraud-monitor topic on these Kafka bootstrap servers.",
            HelpName = "host:port,...",
        };
        var configFile = CommonOptions.ConfigFile();
        var set = CommonOptions.Set();
        command.Arguments.Add(job);
        foreach (var option in new Option[] { at, lake, warehouse, bootstrap, configFile, set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(job)!;
            var atText = parse.GetValue(at);
            var scheduledFor = atText is null ? TimeProvider.System.GetUtcNow() : WarehouseOptions.Instant("--at", atText);
            var overrides = CommonOptions.ParseSettings(parse.GetValue(set)).ToList();
            if (parse.GetValue(lake) is { } lakeFlag)
            {
                overrides.Add(new(WarehouseSettings.LakeUriKey, lakeFlag));
            }

            if (parse.GetValue(warehouse) is { } path)
            {
                if (path.Trim().Length == 0)
                {
                    throw new UsageException("--warehouse must name a file, got \"\"");
                }

                overrides.Add(new($"{WarehouseSettings.Section}.path", path));
            }

            var publishTo = parse.GetValue(bootstrap);
            CommonOptions.AddBootstrap(overrides, publishTo);
            var config = ActorStreamsConfig.Load(context, parse.GetValue(configFile), overrides);
            await using var sink = publishTo is null ? null : new KafkaSink(KafkaSettings.Create(config), clientIdSuffix: "jobs");
            var topic = KafkaSettings.Create(config).Topics.FraudMonitor;
            Func<IReadOnlyList<FraudSpike>, CancellationToken, Task>? publish = sink is null ? null : async (spikes, token) =>
            {
                foreach (var spike in spikes)
                {
                    await sink.ProduceAsync(topic, spike.Key, spike.ToJsonUtf8(), token).ConfigureAwait(false);
                }

                await sink.FlushAsync(token).ConfigureAwait(false);
            };
            var details = await JobRunner.Create(config, publish, NodeName, TimeProvider.System).RunAsync(name, scheduledFor, ct).ConfigureAwait(false);
            return await ReportAsync(context, details, topic).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ReportAsync(CliContext context, JobRunDetails details, string topic)
    {
        var run = details.Run;
        var console = InspectionConsole.Create(context.Output);
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{run.Job}: {run.Outcome} in {Formats.Duration(run.FinishedAt - run.StartedAt)}")).ConfigureAwait(false);
        if (run.Summary.Length > 0)
        {
            await context.Output.WriteLineAsync(run.Summary).ConfigureAwait(false);
        }

        if (details.Hourly is { Kpis.Count: > 0 } hourly)
        {
            var table = InspectionConsole.Table(("CURRENCY", false), ("REVENUE", true), ("TRANSACTIONS", true), ("AVG ORDER VALUE", true), ("FRAUD ALERTS", true));
            foreach (var k in hourly.Kpis)
            {
                table.AddRow(
                    new Text(k.Currency),
                    new Text(k.Revenue.ToString("0.00", CultureInfo.InvariantCulture)),
                    new Text(Formats.Count(k.Transactions)),
                    new Text(k.AverageOrderValue.ToString("0.00", CultureInfo.InvariantCulture)),
                    new Text(Formats.Count(k.FraudAlerts)));
            }

            console.Write(table);
        }

        if (details.FraudMonitor is { Counts.Count: > 0 } monitor)
        {
            var table = InspectionConsole.Table(("DIMENSION", false), ("VALUE", false), ("COUNT", true), ("BASELINE", true), ("SPIKE", false));
            foreach (var c in monitor.Counts)
            {
                table.AddRow(
                    new Text(c.Dimension),
                    new Text(c.Value),
                    new Text(Formats.Count(c.Count)),
                    new Text(c.Baseline.ToString("0.##", CultureInfo.InvariantCulture)),
                    new Text(c.IsSpike ? "spike" : "", c.IsSpike ? new Style(Color.Red) : Style.Plain));
            }

            console.Write(table);
            foreach (var spike in monitor.Spikes)
            {
                await context.Output.WriteLineAsync($"{topic} {spike.Key}: {System.Text.Encoding.UTF8.GetString(spike.ToJsonUtf8())}").ConfigureAwait(false);
            }
        }

        if (run.Error is not null)
        {
            await context.Error.WriteLineAsync($"error: {run.Job} failed: {run.Error}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }
}
