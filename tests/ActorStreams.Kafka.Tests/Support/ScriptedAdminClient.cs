using System.Reflection;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KafkaTopicMetadata = Confluent.Kafka.TopicMetadata;

namespace ActorStreams.Kafka.Tests.Support;

/// <summary>
/// An <see cref="IAdminClient"/> over an in-memory topic table that answers GetMetadata and CreateTopicsAsync only (a
/// <see cref="DispatchProxy"/>: every other member throws), recording the specifications it was asked to create.
/// </summary>
public class ScriptedAdminClient : DispatchProxy
{
    private Dictionary<string, int> _topics = new(StringComparer.Ordinal);
    private List<TopicSpecification> _requests = [];

    /// <summary>The topics the cluster has, by name, with their partition counts.</summary>
    public IReadOnlyDictionary<string, int> Topics => _topics;

    /// <summary>Every specification CreateTopicsAsync received, in order.</summary>
    public IReadOnlyList<TopicSpecification> Requests => _requests;

    /// <summary>A client whose cluster holds <paramref name="topics"/>.</summary>
    public static (IAdminClient Client, ScriptedAdminClient Script) Create(IReadOnlyDictionary<string, int> topics)
    {
        var client = DispatchProxy.Create<IAdminClient, ScriptedAdminClient>();
        var script = (ScriptedAdminClient)(object)client;
        script._topics = new Dictionary<string, int>(topics, StringComparer.Ordinal);
        script._requests = [];
        return (client, script);
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(IAdminClient.GetMetadata) => Metadata(),
        nameof(IAdminClient.CreateTopicsAsync) => CreateTopics((IEnumerable<TopicSpecification>)args![0]!),
        nameof(IDisposable.Dispose) => null,
        _ => throw new NotSupportedException($"ScriptedAdminClient does not answer {targetMethod?.Name}"),
    };

    private Metadata Metadata() => new(
        [new BrokerMetadata(1, "127.0.0.1", 9092)],
        [
            .. _topics.Select(t => new KafkaTopicMetadata(
                t.Key,
                [.. Enumerable.Range(0, t.Value).Select(p => new PartitionMetadata(p, 1, [1], [1], new Error(ErrorCode.NoError)))],
                new Error(ErrorCode.NoError))),
        ],
        1,
        "scripted");

    private Task CreateTopics(IEnumerable<TopicSpecification> specifications)
    {
        foreach (var specification in specifications)
        {
            _requests.Add(specification);
            _topics[specification.Name] = specification.NumPartitions;
        }

        return Task.CompletedTask;
    }
}
