using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace ActorStreams.Kafka.Admin;

/// <summary>
/// Creates and inspects the topics of the configuration on a Kafka cluster through Confluent.Kafka's admin client
/// (<c>actorstreams topics create|list</c>). Creation is idempotent: a topic that exists with the configured
/// partition count is left as it is, one with another count is reported and never changed.
/// </summary>
public static class KafkaTopicAdmin
{
    /// <summary>How every configured topic stands in the cluster, without changing anything.</summary>
    /// <exception cref="KafkaLayerException">The cluster gave no metadata within <paramref name="timeout"/>.</exception>
    public static IReadOnlyList<TopicStatus> List(KafkaSettings settings, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = Build(settings);
        return List(client, settings, timeout);
    }

    /// <summary><see cref="List(KafkaSettings, TimeSpan)"/> through <paramref name="client"/> (a test seam).</summary>
    internal static IReadOnlyList<TopicStatus> List(IAdminClient client, KafkaSettings settings, TimeSpan timeout)
    {
        var existing = PartitionCounts(client, settings, timeout);
        return [.. ConfiguredTopic.All(settings).Select(t => Compare(t, existing))];
    }

    /// <summary>
    /// Creates every configured topic the cluster lacks, with <see cref="KafkaSettings.Partitions"/> partitions,
    /// <see cref="KafkaSettings.ReplicationFactor"/> replicas and its <c>cleanup.policy</c>; reports the others.
    /// </summary>
    /// <exception cref="KafkaLayerException">No metadata within <paramref name="timeout"/>, or the cluster refused a creation (the topic and reason named).</exception>
    public static async Task<IReadOnlyList<TopicStatus>> CreateAsync(KafkaSettings settings, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var client = Build(settings);
        return await CreateAsync(client, settings, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="CreateAsync(KafkaSettings, TimeSpan, CancellationToken)"/> through <paramref name="client"/> (a test seam).</summary>
    internal static async Task<IReadOnlyList<TopicStatus>> CreateAsync(IAdminClient client, KafkaSettings settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var topics = ConfiguredTopic.All(settings);
        var existing = PartitionCounts(client, settings, timeout);
        var toCreate = topics.Where(t => !existing.ContainsKey(t.Name)).ToList();
        var created = new HashSet<string>(StringComparer.Ordinal);
        if (toCreate.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var specifications = toCreate.Select(t => new TopicSpecification
            {
                Name = t.Name,
                NumPartitions = t.Partitions,
                ReplicationFactor = t.ReplicationFactor,
                Configs = new Dictionary<string, string>(StringComparer.Ordinal) { ["cleanup.policy"] = t.CleanupPolicy },
            });
            var options = new CreateTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout };
            try
            {
                await client.CreateTopicsAsync(specifications, options).WaitAsync(timeout + timeout, cancellationToken).ConfigureAwait(false);
                created.UnionWith(toCreate.Select(t => t.Name));
            }
            catch (CreateTopicsException ex)
            {
                var refused = ex.Results.Where(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).ToList();
                if (refused.Count > 0)
                {
                    throw new KafkaLayerException(
                        $"{settings.BootstrapServers} refused to create {string.Join("; ", refused.Select(r => $"{r.Topic} ({r.Error.Reason})"))}", ex);
                }

                // Another client created some of them meanwhile: their partition counts are checked below.
                created.UnionWith(ex.Results.Where(r => r.Error.Code == ErrorCode.NoError).Select(r => r.Topic));
            }
            catch (KafkaException ex)
            {
                throw new KafkaLayerException($"creating topics on {settings.BootstrapServers} failed: {ex.Error.Reason}", ex);
            }
            catch (TimeoutException ex)
            {
                throw new KafkaLayerException($"{settings.BootstrapServers} did not answer the topic creation within {(timeout + timeout).TotalSeconds:0} s", ex);
            }

            if (created.Count < toCreate.Count)
            {
                existing = PartitionCounts(client, settings, timeout);
            }
        }

        return
        [
            .. topics.Select(t => created.Contains(t.Name)
                ? new TopicStatus(t, TopicState.Created, t.Partitions)
                : Compare(t, existing)),
        ];
    }

    private static TopicStatus Compare(ConfiguredTopic topic, IReadOnlyDictionary<string, int> existing) =>
        !existing.TryGetValue(topic.Name, out var count) ? new TopicStatus(topic, TopicState.Missing, null)
        : count == topic.Partitions ? new TopicStatus(topic, TopicState.Exists, count)
        : new TopicStatus(topic, TopicState.WrongPartitionCount, count);

    private static Dictionary<string, int> PartitionCounts(IAdminClient client, KafkaSettings settings, TimeSpan timeout) =>
        TopicMetadata.PartitionCounts(client, settings.BootstrapServers, timeout);

    private static IAdminClient Build(KafkaSettings settings)
    {
        KafkaNative.EnsureLoaded();
        // How to reach the cluster (TLS, SASL) as every client of the layer does.
        var config = new Dictionary<string, string>(settings.ConnectionProperties(), StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = settings.BootstrapServers,
            ["client.id"] = settings.ClientId + "-admin",
        };
        return new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
    }
}
