using System.CommandLine;
using System.Globalization;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Admin;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams topics create|list [--config F] [--bootstrap B] [--set key=value]... [--timeout S]</c>: the topics of the
/// configuration on a Kafka cluster.
/// </summary>
internal static class TopicsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "topics",
            "Create or list the topics of the configuration (actorstreams.kafka.topics, the internal repartition topics included) on a Kafka cluster.");
        command.Subcommands.Add(Sub(
            context,
            "create",
            "Create every configured topic the cluster lacks, with actorstreams.kafka.partitions partitions, actorstreams.kafka.replication-factor " +
            "replicas and cleanup.policy=compact for actorstreams.kafka.compacted-topics (delete for the others). Idempotent: a topic that exists " +
            "with the configured partition count is left as it is; one with another count is reported and the command exits with 1.",
            create: true));
        command.Subcommands.Add(Sub(
            context,
            "list",
            "Show how every configured topic stands in the cluster (missing, or its partition count) without changing anything.",
            create: false));
        return command;
    }

    private static Command Sub(CliContext context, string name, string description, bool create)
    {
        var command = new Command(name, description);
        var configFile = CommonOptions.ConfigFile();
        var bootstrap = CommonOptions.Bootstrap();
        var set = CommonOptions.Set();
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the cluster's metadata and for each admin request.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 30,
        };
        foreach (var option in new Option[] { configFile, bootstrap, set, timeout })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds is < 1 or > 3600)
            {
                throw new UsageException($"--timeout must be between 1 and 3600 seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
            }

            var overrides = CommonOptions.ParseSettings(parse.GetValue(set)).ToList();
            CommonOptions.AddBootstrap(overrides, parse.GetValue(bootstrap));
            var settings = KafkaSettings.Create(ActorStreamsConfig.Load(context, parse.GetValue(configFile), overrides));
            var wait = TimeSpan.FromSeconds(seconds);
            var statuses = create
                ? await KafkaTopicAdmin.CreateAsync(settings, wait, ct).ConfigureAwait(false)
                : KafkaTopicAdmin.List(settings, wait);
            foreach (var status in statuses)
            {
                await context.Output.WriteLineAsync(status.ToString()).ConfigureAwait(false);
            }

            var wrong = statuses.Where(s => s.State == TopicState.WrongPartitionCount).ToList();
            if (create && wrong.Count > 0)
            {
                foreach (var status in wrong)
                {
                    await context.Error.WriteLineAsync(
                        $"error: topic {status.Topic.Name} has {status.ActualPartitions} partitions, the configuration (actorstreams.kafka.partitions) says {status.Topic.Partitions}; " +
                        "change the setting or recreate the topic (co-partitioned topics must agree)").ConfigureAwait(false);
                }

                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
