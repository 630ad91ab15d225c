using System.Globalization;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;

namespace ActorStreams.Cli.Tests;

/// <summary>
/// <c>topics create|list</c> against the dev broker. librdkafka's mock cluster answers Metadata but not CreateTopics (the admin
/// client times out waiting for a controller), so creation itself is covered by ActorStreams.Kafka.Tests' KafkaTopicAdminTests
/// with a scripted admin client; here the topics exist already, as the dev broker creates them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TopicsCommandTests
{
    private const int Partitions = 3;

    [Fact]
    public async Task TopicsCreate_EveryTopicExistsWithItsCount_ReportsEachAndSecondRunIsTheSame()
    {
        using var broker = DevBroker.Start(KafkaSettings.Default with { Partitions = Partitions });
        string[] args = ["topics", "create", "--bootstrap", broker.BootstrapServers, "--set", $"actorstreams.kafka.partitions={Partitions}"];

        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        var lines = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(KafkaTopics.Default.All.Select(t => $"{t.Value}: exists ({Partitions} partitions), left as it is"), lines);
        Assert.Equal(first, second);
        var counts = TopicMetadata.PartitionCounts(KafkaSettings.Default with { BootstrapServers = broker.BootstrapServers }, TimeSpan.FromSeconds(10));
        Assert.All(KafkaTopics.Default.All, t => Assert.Equal(Partitions, counts[t.Value]));
    }

    [Fact]
    public async Task TopicsCreate_WrongPartitionCount_Exits1NamingTopicAndBothCounts()
    {
        using var broker = DevBroker.Start(KafkaSettings.Default with { Partitions = Partitions });

        var result = await CliRunner.RunAsync("topics", "create", "--bootstrap", broker.BootstrapServers, "--set", "actorstreams.kafka.partitions=6");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains(
            "error: topic transactions has 3 partitions, the configuration (actorstreams.kafka.partitions) says 6",
            result.Error,
            StringComparison.Ordinal);
        Assert.Contains("actorstreams-repartition-loans: has 3 partitions, the configuration says 6", result.Output, StringComparison.Ordinal);
        var counts = TopicMetadata.PartitionCounts(KafkaSettings.Default with { BootstrapServers = broker.BootstrapServers }, TimeSpan.FromSeconds(10));
        Assert.Equal(Partitions, counts["transactions"]);
    }

    [Fact]
    public async Task TopicsCreate_MissingTopicOnDevBroker_Exits1WithTheAdminClientsReason()
    {
        // The mock cluster has no CreateTopics: the command must fail clearly, not hang or claim success.
        using var broker = DevBroker.Start(KafkaSettings.Default with { Partitions = Partitions });

        var result = await CliRunner.RunAsync(
            "topics", "create", "--bootstrap", broker.BootstrapServers, "--timeout", "2",
            "--set", $"actorstreams.kafka.partitions={Partitions}", "--set", "actorstreams.kafka.topics.dead-letter=dead-letter-2");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains($"error: creating topics on {broker.BootstrapServers} failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("dead-letter-2", TopicMetadata.PartitionCounts(
            KafkaSettings.Default with { BootstrapServers = broker.BootstrapServers }, TimeSpan.FromSeconds(10)).Keys);
    }

    [Fact]
    public async Task TopicsList_RenamedTopic_ShowsItMissingAndTheOthersWithTheirCounts()
    {
        using var broker = DevBroker.Start(KafkaSettings.Default with { Partitions = Partitions });

        var result = await CliRunner.RunAsync(
            "topics", "list", "--bootstrap", broker.BootstrapServers, "--set", "actorstreams.kafka.topics.loan-stats=loan-stats-v2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("loan-stats-v2: missing (configured: 12 partitions, delete)", result.Output, StringComparison.Ordinal);
        Assert.Contains("transactions: has 3 partitions, the configuration says 12", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout 0", "--timeout must be between 1 and 3600 seconds, got 0")]
    [InlineData("--bootstrap nowhere", "--bootstrap must be a comma-separated host:port list, got \"nowhere\"")]
    [InlineData("--replicas 3", "Unrecognized command or argument '--replicas'")]
    [InlineData("--set actorstreams.kafka.replication-factor=0", "actorstreams.kafka.replication-factor must be an integer from 1 to 32767")]
    public async Task TopicsCreate_BadFlag_Exits2WithTheReason(string flags, string message)
    {
        var result = await CliRunner.RunAsync(["topics", "create", .. flags.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Topics_WithoutSubcommand_Exits2()
    {
        var result = await CliRunner.RunAsync("topics");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Run 'actorstreams topics --help' for usage."), result.Error, StringComparison.Ordinal);
    }
}
