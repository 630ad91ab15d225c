using System.CommandLine;
using System.Globalization;
using ActorStreams.Churn;
using ActorStreams.Domain;
using ActorStreams.Hocon;
using ActorStreams.Lake;
using ActorStreams.Node.Lake;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams train churn --input F|LAKE [--as-of T] [--horizon 30d] [--out models/churn.zip] [--seed S]</c>: the churn model
/// trained and evaluated on a customer-events file or on the customer events a data lake archived (docs/design.md §6, Churn model).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("train", "Train models on data files: churn (docs/design.md §6, Churn model).");
        command.Subcommands.Add(Churn(context));
        return command;
    }

    private static Command Churn(CliContext context)
    {
        var command = new Command(
            "churn",
            "Train and evaluate the churn model on a customer-events JSON-lines file (generate customer-events --out F) or on the customer events a " +
            "data lake archived (a lake directory or s3://bucket/prefix, read as warehouse load reads it). Features come from the same " +
            "code as online scoring. The test snapshot is at T: the features of the events up to T, and churned = no purchase in (T, T + horizon]. The " +
            "train snapshot is at T − horizon, so nothing after T is seen in training. Logistic regression and FastTree are fitted on 80 % of the train " +
            "snapshot, calibrated and thresholded on the other 20 %, and the one with the higher validation PR-AUC is saved. It is evaluated on the test " +
            "snapshot against a proxy of the EWMA churn rule. Writes the model zip, <out>.metrics.json and <out>.md.");
        var input = new Option<string>("--input")
        {
            Description = "The customer-events JSON-lines file, or a lake: a directory or s3://bucket/prefix (its customer_events dataset; an S3 lake is mirrored next to --out first).",
            HelpName = "file|dir|s3://bucket/prefix",
            Required = true,
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "T, the instant of the test snapshot, ISO-8601 (default: the newest event − horizon). The data must reach T + horizon.",
            HelpName = "instant",
        };
        var horizon = new Option<string>("--horizon")
        {
            Description = "Churned = no purchase within this many days after the snapshot: whole days, e.g. 30d.",
            HelpName = "days",
            DefaultValueFactory = _ => "30d",
        };
        var output = new Option<string>("--out") { Description = "The model zip; the metrics and the report go next to it.", HelpName = "file.zip", DefaultValueFactory = _ => "models/churn.zip" };
        var seed = new Option<int>("--seed") { Description = "Seed of the fit/validation split, the trainers and the permutation importance.", HelpName = "S", DefaultValueFactory = _ => 42 };
        var configFile = CommonOptions.ConfigFile();
        var set = CommonOptions.Set();
        foreach (var option in new Option[] { input, asOf, horizon, output, seed, configFile, set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;

            var days = Horizon(parse.GetValue(horizon)!);
            var requested = parse.GetValue(asOf) is { } text ? EventTime.FromDateTimeOffset(WarehouseOptions.Instant("--as-of", text)) : (EventTime?)null;
            var modelPath = parse.GetValue(output)!;
            if (modelPath.Trim().Length == 0)
            {
                throw new UsageException("--out must name a file, got \"\"");
            }

            var source = await SourceAsync(context, path, parse.GetValue(configFile), parse.GetValue(set), modelPath, ct).ConfigureAwait(false);
            var progress = new LineProgress(context.Error);
            var scan = ChurnTrainer.Scan(source, progress, ct);
            var options = new ChurnTrainingOptions
            {
                InputPath = path,
                Source = source,
                OutputPath = modelPath,
                AsOf = CheckAsOf(path, scan, requested, days),
                Horizon = days,
                Seed = parse.GetValue(seed),
            };
            var result = ChurnTrainer.Train(options, scan, progress, ct);
            context.Output.Write(result.Summary);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A JSON-lines file, or a lake (a directory, or <c>s3://</c> through its mirror next to the model) as <c>warehouse load</c> reads it.</summary>
    private static async Task<CustomerEventSource> SourceAsync(CliContext context, string input, string? configFile, string[]? set, string modelPath, CancellationToken cancellationToken)
    {
        if (File.Exists(input))
        {
            return CustomerEventSource.FromFile(input);
        }

        if (!Directory.Exists(input) && !input.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--input: no such file or lake directory \"{input}\"");
        }

        var overrides = CommonOptions.ParseSettings(set).Append(new KeyValuePair<string, string>(LakeLocation.Key, input)).ToList();
        var lake = LakeSettings.Create(ActorStreamsConfig.Load(context, configFile, overrides));
        return await LakeCustomerEvents.OpenAsync(lake, modelPath, cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Horizon(string text) =>
        HoconDuration.TryParse(text, out var value) && value.Ticks % TimeSpan.TicksPerDay == 0 && value >= TimeSpan.FromDays(1) && value <= TimeSpan.FromDays(365)
            ? value
            : throw new UsageException($"--horizon must be a whole number of days between 1d and 365d, such as 30d, got \"{text}\"");

    /// <summary>The as-of instant, checked against the data: its horizon must be covered, and the train snapshot after the first event.</summary>
    private static EventTime CheckAsOf(string path, CustomerEventFileSummary scan, EventTime? requested, TimeSpan horizon)
    {
        if (scan.FirstEventTime is not { } first || scan.LastEventTime is not { } last)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--input {path} holds no valid customer-events record ({scan.Lines} lines, {scan.BadLines} bad)"));
        }

        var days = (int)(horizon.Ticks / TimeSpan.TicksPerDay);
        var asOf = requested ?? last - horizon;
        if (asOf + horizon > last)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--as-of {asOf.ToIsoString()} with --horizon {days}d needs events up to {(asOf + horizon).ToIsoString()} for the test labels, but the newest event of {path} is {last.ToIsoString()}: the latest --as-of is {(last - horizon).ToIsoString()}"));
        }

        if (asOf - horizon <= first)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--as-of {asOf.ToIsoString()} with --horizon {days}d puts the train snapshot at {(asOf - horizon).ToIsoString()}, not after the first event of {path} ({first.ToIsoString()}): give a later --as-of or a shorter --horizon"));
        }

        return asOf;
    }
}
