using Confluent.Kafka;

namespace ActorStreams.Kafka;

/// <summary>Reads topic metadata from the cluster.</summary>
public static class TopicMetadata
{
    /// <summary>The partition count of every existing topic.</summary>
    /// <exception cref="KafkaLayerException">No metadata within <paramref name="timeout"/>.</exception>
    public static IReadOnlyDictionary<string, int> PartitionCounts(KafkaSettings settings, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KafkaNative.EnsureLoaded();
        var config = new Dictionary<string, string>(settings.ConnectionProperties(), StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = settings.BootstrapServers,
            ["client.id"] = settings.ClientId + "-metadata",
        };
        using var client = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
        return PartitionCounts(client, settings.BootstrapServers, timeout);
    }

    /// <summary>The partition count of every existing topic, read through <paramref name="client"/>.</summary>
    /// <exception cref="KafkaLayerException">No metadata within <paramref name="timeout"/>.</exception>
    internal static Dictionary<string, int> PartitionCounts(IAdminClient client, string bootstrapServers, TimeSpan timeout)
    {
        try
        {
            return client.GetMetadata(timeout).Topics
                .Where(t => t.Error.Code == ErrorCode.NoError)
                .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        }
        catch (KafkaException ex)
        {
            throw new KafkaLayerException($"no metadata from {bootstrapServers} within {timeout.TotalSeconds:0} s ({ex.Error.Reason}); is the broker running?", ex);
        }
    }
}
