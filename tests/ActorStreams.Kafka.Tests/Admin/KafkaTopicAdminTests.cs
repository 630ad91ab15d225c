using ActorStreams.Kafka.Admin;
using ActorStreams.Kafka.Tests.Support;

namespace ActorStreams.Kafka.Tests.Admin;

[Trait("Category", "Unit")]
public sealed class KafkaTopicAdminTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task CreateAsync_EmptyCluster_CreatesEveryConfiguredTopicWithCountReplicasAndPolicy()
    {
        var settings = KafkaSettings.Default with { Partitions = 6, ReplicationFactor = 3 };
        var (client, script) = ScriptedAdminClient.Create(new Dictionary<string, int>());

        var statuses = await KafkaTopicAdmin.CreateAsync(client, settings, Timeout, CancellationToken.None);

        Assert.Equal(KafkaTopics.Default.All.Select(t => t.Value), script.Requests.Select(r => r.Name));
        Assert.All(script.Requests, r => Assert.Equal((6, (short)3), (r.NumPartitions, r.ReplicationFactor)));
        Assert.Equal(
            ["customer-details", "customer-offers"],
            script.Requests.Where(r => r.Configs["cleanup.policy"] == "compact").Select(r => r.Name));
        Assert.Equal(20, script.Requests.Count(r => r.Configs["cleanup.policy"] == "delete"));
        Assert.All(statuses, s => Assert.Equal(TopicState.Created, s.State));
        Assert.Contains(statuses, s => s.ToString() == "actorstreams-repartition-merchant: created (6 partitions, replication factor 3, cleanup.policy=delete)");
        Assert.Contains(statuses, s => s.ToString() == "funnel-metrics: created (6 partitions, replication factor 3, cleanup.policy=delete)");
        Assert.Contains(statuses, s => s.ToString() == "churn-segments: created (6 partitions, replication factor 3, cleanup.policy=delete)");
    }

    [Fact]
    public async Task CreateAsync_SecondRun_CreatesNothingAndReportsEveryTopicAsExisting()
    {
        var settings = KafkaSettings.Default with { Partitions = 4 };
        var (client, script) = ScriptedAdminClient.Create(new Dictionary<string, int>());
        await KafkaTopicAdmin.CreateAsync(client, settings, Timeout, CancellationToken.None);
        var requestsAfterFirst = script.Requests.Count;

        var statuses = await KafkaTopicAdmin.CreateAsync(client, settings, Timeout, CancellationToken.None);

        Assert.Equal(requestsAfterFirst, script.Requests.Count);
        Assert.All(statuses, s => Assert.Equal((TopicState.Exists, (int?)4), (s.State, s.ActualPartitions)));
    }

    [Fact]
    public async Task CreateAsync_SomeTopicsExist_CreatesOnlyTheMissingAndFlagsTheWrongCount()
    {
        var settings = KafkaSettings.Default with { Partitions = 12 };
        var (client, script) = ScriptedAdminClient.Create(new Dictionary<string, int> { ["transactions"] = 12, ["dead-letter"] = 1, ["unrelated"] = 2 });

        var statuses = await KafkaTopicAdmin.CreateAsync(client, settings, Timeout, CancellationToken.None);

        Assert.Equal(20, script.Requests.Count);
        Assert.DoesNotContain(script.Requests, r => r.Name is "transactions" or "dead-letter" or "unrelated");
        Assert.Equal(TopicState.Exists, statuses.Single(s => s.Topic.Name == "transactions").State);
        var wrong = statuses.Single(s => s.Topic.Name == "dead-letter");
        Assert.Equal((TopicState.WrongPartitionCount, (int?)1), (wrong.State, wrong.ActualPartitions));
        Assert.Equal(1, script.Topics["dead-letter"]);
    }

    [Fact]
    public void List_RenamedTopic_IsMissingAndNothingIsCreated()
    {
        var settings = KafkaSettings.Default with { Topics = KafkaTopics.Default with { LoanStats = "loan-stats-v2" } };
        var (client, script) = ScriptedAdminClient.Create(KafkaTopics.Default.All.ToDictionary(t => t.Value, _ => 12));

        var statuses = KafkaTopicAdmin.List(client, settings, Timeout);

        Assert.Empty(script.Requests);
        Assert.Equal(TopicState.Missing, statuses.Single(s => s.Topic.LogicalName == "loan-stats").State);
        Assert.Equal(21, statuses.Count(s => s.State == TopicState.Exists));
    }
}
