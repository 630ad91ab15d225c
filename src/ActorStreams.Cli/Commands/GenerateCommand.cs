using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorStreams.Generator;
using ActorStreams.Generator.Avro;
using ActorStreams.Hocon;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using Spectre.Console;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams generate &lt;dataset&gt; [--count N] [--rate R] [--seed S] [--customers N] [--fraud-ratio X] [--days D] [--truth F] [--bootstrap B | --out F]</c>
/// and <c>actorstreams generate --schema F.avsc [--count N] [--seed S] [--out F]</c>: synthetic data (docs/design.md §7).
/// </summary>
internal static class GenerateCommand
{
    private const int FileBufferSize = 1 << 20;

    public static Command Create(CliContext context)
    {
        var command = new Command(
            "generate",
            "Generate synthetic data: JSON records exactly as on the topics (docs/design.md §5), deterministic for a seed.\n" +
            "Backfills (no --rate, or a --start) are byte-identical for the same seed and flags. Live runs (--rate without --start)\n" +
            "take their timestamps from the clock: customers, merchants, amounts and fraud patterns repeat; timestamps and\n" +
            "transaction and application ids (derived from the start time) differ from run to run.\n" +
            "Datasets: transactions (card payments with injected fraud labelled is_fraud), customer-activity,\n" +
            "customer-details, customer-offers, insurance (offers, then customer details, then activities, with consistent ids),\n" +
            "loan-applications (loan applications with injected fraud labelled is_fraud: identity mismatches, bots, shared devices, bursts),\n" +
            "customer-events (a simulated shop's views, cart changes and purchases by customers of hidden segments, some of whom\n" +
            "churn; the whole period of --days unless --count caps the events; the ground truth, customer_id,segment,churned_at,\n" +
            "goes to F.truth.csv next to --out F, or to --truth).\n" +
            "Records go to Kafka with --bootstrap (keyed, murmur2-partitioned), to a JSON-lines file with --out, or to standard output.\n" +
            "With --schema F.avsc, records valid for any Avro record schema are generated instead.");
        var dataset = new Argument<string?>("dataset")
        {
            Description = $"The dataset: {string.Join(", ", GeneratorDatasets.All)}. Omit it with --schema.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var count = new Option<long?>("--count")
        {
            Description = "Records to generate: transactions, activities or loan applications (default actorstreams.generator.count, 10000); for customer-details and customer-offers, ids 1..N (default: --customers / the offers setting); for customer-events, the most events (default: every event of the period, see --days).",
            HelpName = "N",
        };
        var rate = new Option<double?>("--rate")
        {
            Description = "Records per second (0 = as fast as possible). With a positive rate and no --start the generator runs live: paced in real time, stamped with the current time (so timestamps and transaction or application ids differ between runs; the rest of each record repeats). customer-events: the period starts now and its events are paced at R per second, so their timestamps may run ahead of the clock.",
            HelpName = "R",
        };
        var seed = new Option<long?>("--seed") { Description = "Seed of every random choice: the same seed and flags give byte-identical output (default 42); live runs (--rate without --start) repeat customers, amounts and fraud patterns but take timestamps, and so transaction and application ids, from the clock.", HelpName = "S" };
        var customers = new Option<int?>("--customers") { Description = "Customers (ids 1..N) drawn from (default 1000).", HelpName = "N" };
        var offers = new Option<int?>("--offers") { Description = "Offers (ids 1..N) of customer-offers and insurance (default 5).", HelpName = "N" };
        var fraudRatio = new Option<double?>("--fraud-ratio") { Description = "Share of transactions or loan applications that are injected fraud, in [0, 1) (default 0.02).", HelpName = "X" };
        var start = new Option<string?>("--start")
        {
            Description = "Event time of the first record, ISO-8601. Default: 2026-01-01T00:00:00Z, or the current time with --rate (live). Giving it makes the run a backfill: simulated timestamps, no pacing.",
            HelpName = "time",
        };
        var speedup = new Option<double?>("--speedup") { Description = "With --rate: event-time seconds per wall-clock second (records are speedup/rate seconds apart in event time).", HelpName = "X" };
        var disorder = new Option<string?>("--disorder")
        {
            Description = "Most a record's timestamp may lag its customer's newest earlier one, as a duration (e.g. 2s, 500ms; 0 = in order; at most 1m). Default 2s.",
            HelpName = "duration",
        };
        var days = new Option<int?>("--days")
        {
            Description = "customer-events: days of the simulated period, from --start (default actorstreams.generator.behaviour.days, 180; 1 to 3650).",
            HelpName = "D",
        };
        var truth = new Option<string?>("--truth")
        {
            Description = "customer-events: write the ground truth (CSV customer_id,segment,churned_at, one line per customer) to this file. Default with --out F: F.truth.csv; with --bootstrap or standard output, only when given.",
            HelpName = "file",
        };
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Produce to Kafka at these bootstrap servers (topics: actorstreams.kafka.topics).", HelpName = "host:port,..." };
        var output = new Option<string?>("--out") { Description = "Write JSON lines to this file (insurance: offers, then customer details, then activities).", HelpName = "file" };
        var schema = new Option<string?>("--schema") { Description = "Generate records for this Avro record schema (.avsc) instead of a dataset.", HelpName = "file.avsc" };
        var configFile = CommonOptions.ConfigFile();
        var set = CommonOptions.Set();

        command.Arguments.Add(dataset);
        foreach (var option in new Option[] { count, rate, seed, customers, offers, fraudRatio, start, speedup, disorder, days, truth, bootstrap, output, schema, configFile, set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var request = new Request(
                parse.GetValue(dataset),
                parse.GetValue(schema),
                parse.GetValue(output),
                parse.GetValue(bootstrap),
                parse.GetValue(count),
                parse.GetValue(truth),
                parse.GetValue(days));
            request.Validate();

            var config = ActorStreamsConfig.Load(context, parse.GetValue(configFile), CommonOptions.ParseSettings(parse.GetValue(set)));
            var settings = ApplyFlags(
                GeneratorSettings.Create(config),
                parse.GetValue(seed),
                parse.GetValue(customers),
                parse.GetValue(offers),
                parse.GetValue(fraudRatio),
                parse.GetValue(rate),
                parse.GetValue(speedup),
                parse.GetValue(start),
                parse.GetValue(disorder),
                parse.GetValue(days));

            using var signal = new ShutdownSignal(ct);
            var records = Open(request, settings);
            if (request.TruthFile is { } truthFile)
            {
                await WriteTruthAsync(context, records.ChurnTruth!, truthFile).ConfigureAwait(false);
            }

            return await RunAsync(context, request, config, records, signal.Token).ConfigureAwait(false);
        });
        return command;
    }

    private static GeneratorSettings ApplyFlags(
        GeneratorSettings settings, long? seed, int? customers, int? offers, double? fraudRatio, double? rate, double? speedup, string? start, string? disorder, int? days)
    {
        if (days is { } d && d is < 1 or > 3650)
        {
            throw new UsageException($"--days must be between 1 and 3650, got {d.ToString(CultureInfo.InvariantCulture)}");
        }

        if (customers is { } c && c is < 1 or > 10_000_000)
        {
            throw new UsageException($"--customers must be between 1 and 10000000, got {c.ToString(CultureInfo.InvariantCulture)}");
        }

        if (offers is { } o && o is < 1 or > 1_000_000)
        {
            throw new UsageException($"--offers must be between 1 and 1000000, got {o.ToString(CultureInfo.InvariantCulture)}");
        }

        if (fraudRatio is { } f && !(f >= 0 && f < 1))
        {
            throw new UsageException($"--fraud-ratio must be between 0 and 1 (excluding 1), got {f.ToString(CultureInfo.InvariantCulture)}");
        }

        if (rate is { } r && !(double.IsFinite(r) && r >= 0))
        {
            throw new UsageException($"--rate must be a number of records per second ≥ 0 (0 = as fast as possible), got {r.ToString(CultureInfo.InvariantCulture)}");
        }

        if (speedup is { } s)
        {
            if (!(double.IsFinite(s) && s > 0))
            {
                throw new UsageException($"--speedup must be a number > 0, got {s.ToString(CultureInfo.InvariantCulture)}");
            }

            if ((rate ?? settings.Rate) <= 0)
            {
                throw new UsageException("--speedup needs --rate > 0: records are speedup/rate seconds apart in event time");
            }
        }

        DateTimeOffset? startTime = settings.Start;
        if (start is not null)
        {
            startTime = DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : throw new UsageException($"--start must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got \"{start}\"");
        }

        var disorderTime = settings.Disorder;
        if (disorder is not null)
        {
            if (!HoconDuration.TryParse(disorder, out disorderTime) || disorderTime < TimeSpan.Zero || disorderTime > TimeSpan.FromMinutes(1))
            {
                throw new UsageException($"--disorder must be a duration between 0 and 1m (e.g. 2s, 500ms), got \"{disorder}\"");
            }
        }

        return settings with
        {
            Seed = seed ?? settings.Seed,
            Customers = customers ?? settings.Customers,
            Offers = offers ?? settings.Offers,
            FraudRatio = fraudRatio ?? settings.FraudRatio,
            Rate = rate ?? settings.Rate,
            Speedup = speedup ?? settings.Speedup,
            Start = startTime,
            Disorder = disorderTime,
            Behaviour = settings.Behaviour with { Days = days ?? settings.Behaviour.Days },
        };
    }

    private static GeneratedRecordStream Open(Request request, GeneratorSettings settings)
    {
        if (request.SchemaFile is not { } schemaFile)
        {
            return DataGenerator.Open(request.Dataset!, settings, TimeProvider.System, request.Count);
        }

        if (!File.Exists(schemaFile))
        {
            throw new UsageException($"--schema: file not found: {schemaFile}");
        }

        try
        {
            return DataGenerator.OpenSchema(AvroSchema.Load(schemaFile), settings, TimeProvider.System, request.Count);
        }
        catch (AvroSchemaException e)
        {
            throw new UsageException($"--schema {schemaFile}: {e.Message.Replace(schemaFile + ": ", string.Empty, StringComparison.Ordinal)}");
        }
    }

    private static async Task<int> RunAsync(CliContext context, Request request, Config config, GeneratedRecordStream records, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        var destination = request.Bootstrap is { } target ? $"Kafka at {target}" : request.OutputFile ?? "standard output";
        var stopped = false;
        try
        {
            if (request.Bootstrap is { } bootstrap)
            {
                var kafka = KafkaSettings.Create(config) with { BootstrapServers = bootstrap };
                await using var sink = new KafkaSink(kafka, clientIdSuffix: "generator");
                await WithProgressAsync(context, records, destination, progress =>
                    GeneratorOutput.ProduceAsync(records, sink, kafka.Topics, TimeProvider.System, progress, stop)).ConfigureAwait(false);
            }
            else if (request.OutputFile is { } path)
            {
                await using var file = CreateFile(path);
                await WithProgressAsync(context, records, destination, progress =>
                    GeneratorOutput.WriteJsonLinesAsync(records, file, TimeProvider.System, progress, stop)).ConfigureAwait(false);
            }
            else
            {
                await using var stdout = new BufferedStream(new TextWriterStream(context.Output), 1 << 16);
                await GeneratorOutput.WriteJsonLinesAsync(records, stdout, TimeProvider.System, cancellationToken: stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stopped = true;
        }
        catch (KafkaSinkFaultException e)
        {
            throw new ActorStreamsException($"generate: producing to Kafka failed after {records.Position.ToString(CultureInfo.InvariantCulture)} records: {e.Message}", e);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var perSecond = seconds > 0 ? records.Position / seconds : 0;
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"generated {records.Dataset} to {destination}{(stopped ? " (stopped early by a signal)" : string.Empty)} in {seconds:0.00} s ({perSecond:N0} records/s): {records.Statistics}")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>Runs <paramref name="produce"/> with a progress bar on standard error when it is a terminal.</summary>
    private static async Task WithProgressAsync(CliContext context, GeneratedRecordStream records, string destination, Func<IProgress<long>?, Task<GenerationStatistics>> produce)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        if (!console.Profile.Capabilities.Interactive)
        {
            await produce(null).ConfigureAwait(false);
            return;
        }

        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"{records.Dataset} → {Markup.Escape(destination)}", maxValue: Math.Max(1, records.TotalCount));

                // customer-events without --count ends with its simulated period: how many records that is, nobody knows ahead.
                task.IsIndeterminate = records.TotalCount == long.MaxValue;
                await produce(new SynchronousProgress(value => task.Value = value)).ConfigureAwait(false);
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
    }

    private static FileStream CreateFile(string path, string flag = "--out")
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, FileBufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag}: cannot create {path}: {e.Message}");
        }
    }

    /// <summary>Writes the ground truth before the events, so that it is complete even when the run is stopped early.</summary>
    private static async Task WriteTruthAsync(CliContext context, ChurnGroundTruth truth, string path)
    {
        await using (var file = new StreamWriter(CreateFile(path, "--truth"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            truth.WriteCsv(file);
        }

        await context.Error.WriteLineAsync($"ground truth of {truth} written to {path}").ConfigureAwait(false);
    }

    /// <summary>The destination and source flags, checked together.</summary>
    private sealed record Request(string? Dataset, string? SchemaFile, string? OutputFile, string? Bootstrap, long? Count, string? Truth, int? Days)
    {
        /// <summary>Where the ground truth goes: <c>--truth</c>, else next to <c>--out</c> for customer-events, else nowhere.</summary>
        public string? TruthFile => Truth ?? (Dataset == GeneratorDatasets.CustomerEvents && OutputFile is { } output ? output + ".truth.csv" : null);

        public void Validate()
        {
            if (Dataset is null && SchemaFile is null)
            {
                throw new UsageException($"give a dataset ({string.Join(", ", GeneratorDatasets.All)}) or --schema F.avsc");
            }

            if (Dataset is not null && SchemaFile is not null)
            {
                throw new UsageException($"give either a dataset or --schema, not both (got dataset \"{Dataset}\" and --schema {SchemaFile})");
            }

            if (Dataset is not null && !GeneratorDatasets.All.Contains(Dataset, StringComparer.Ordinal))
            {
                throw new UsageException($"unknown dataset \"{Dataset}\"; valid datasets: {string.Join(", ", GeneratorDatasets.All)}");
            }

            if (OutputFile is not null && Bootstrap is not null)
            {
                throw new UsageException("--out and --bootstrap cannot be combined: records go either to a file or to Kafka");
            }

            if (SchemaFile is not null && Bootstrap is not null)
            {
                throw new UsageException("--schema writes JSON lines to --out or standard output; it cannot be combined with --bootstrap");
            }

            if (Bootstrap is { } b && string.IsNullOrWhiteSpace(b))
            {
                throw new UsageException("--bootstrap must be a comma-separated host:port list, got an empty value");
            }

            if (Dataset != GeneratorDatasets.CustomerEvents && (Truth is not null || Days is not null))
            {
                throw new UsageException($"{(Truth is not null ? "--truth" : "--days")} applies to the customer-events dataset only");
            }

            if (Truth is not null && (string.IsNullOrWhiteSpace(Truth) || Truth == OutputFile))
            {
                throw new UsageException($"--truth must name a file other than --out, got \"{Truth}\"");
            }

            if (Count is < 0)
            {
                throw new UsageException($"--count must be ≥ 0, got {Count.Value.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>A write-only stream over the command's text output (standard output), decoding UTF-8 in chunks.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private readonly char[] _chars = new char[8192];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                _decoder.Convert(buffer, _chars, flush: false, out var bytesUsed, out var charsUsed, out _);
                writer.Write(_chars, 0, charsUsed);
                buffer = buffer[bytesUsed..];
            }
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush() => writer.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
