using System.CommandLine;
using System.Globalization;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;

namespace ActorStreams.Cli.Commands;

/// <summary><c>actorstreams broker [--brokers 3] [--partitions 12] [--bootstrap-file F]</c>: the embedded dev broker.</summary>
internal static class BrokerCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "broker",
            "Run the embedded dev broker in the foreground: librdkafka's in-memory mock cluster speaking the Kafka protocol on 127.0.0.1.\n" +
            "For development and tests only: nothing is persisted, each partition keeps at most 5 MiB, there is no compaction.\n" +
            "In production point --bootstrap (actorstreams.kafka.bootstrap) at a Kafka cluster instead.");
        var brokers = new Option<int>("--brokers") { Description = "Number of brokers in the mock cluster.", DefaultValueFactory = _ => 3 };
        var partitions = new Option<int?>("--partitions") { Description = "Partitions per topic (default: actorstreams.kafka.partitions, 12)." };
        var bootstrapFile = new Option<string?>("--bootstrap-file") { Description = "Also write the bootstrap servers to this file.", HelpName = "file" };
        var configFile = CommonOptions.ConfigFile();
        var set = CommonOptions.Set();
        command.Options.Add(brokers);
        command.Options.Add(partitions);
        command.Options.Add(bootstrapFile);
        command.Options.Add(configFile);
        command.Options.Add(set);
        command.SetAction(async (parse, ct) =>
        {
            var brokerCount = parse.GetValue(brokers);
            if (brokerCount is < 1 or > 32)
            {
                throw new UsageException($"--brokers must be between 1 and 32, got {brokerCount.ToString(CultureInfo.InvariantCulture)}");
            }

            var overrides = CommonOptions.ParseSettings(parse.GetValue(set)).ToList();
            if (parse.GetValue(partitions) is { } count)
            {
                if (count is < 1 or > 10_000)
                {
                    throw new UsageException($"--partitions must be between 1 and 10000, got {count.ToString(CultureInfo.InvariantCulture)}");
                }

                overrides.Add(new("actorstreams.kafka.partitions", count.ToString(CultureInfo.InvariantCulture)));
            }

            var settings = KafkaSettings.Create(ActorStreamsConfig.Load(context, parse.GetValue(configFile), overrides));
            using var signal = new ShutdownSignal(ct);
            using var broker = DevBroker.Start(settings, brokerCount);
            if (parse.GetValue(bootstrapFile) is { } file)
            {
                await File.WriteAllTextAsync(file, broker.BootstrapServers + "\n", CancellationToken.None).ConfigureAwait(false);
            }

            await context.Output.WriteLineAsync($"bootstrap: {broker.BootstrapServers}").ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"dev broker: {brokerCount} brokers, {broker.Topics.Count} topics x {settings.Partitions} partitions ({string.Join(", ", broker.Topics.Keys.Order(StringComparer.Ordinal))}); in memory, for development only. Ctrl-C stops it.")).ConfigureAwait(false);
            await context.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, signal.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync("dev broker: stopping").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
