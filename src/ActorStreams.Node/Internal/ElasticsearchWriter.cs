using System.Text;
using ActorStreams.Elasticsearch;
using ActorStreams.Hocon;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Node.Internal;

/// <summary>
/// The outputs' second destination: each pipeline's ordered producer flow after the Kafka one writes the same records
/// here, and the records of the routed topics become documents of the node's <see cref="ElasticsearchIndexer"/>; the
/// others are done at once. A record's delivery is reported when its document is done (indexed or dead-lettered).
/// </summary>
internal sealed class ElasticsearchWriter : IRecordWriter
{
    private readonly ElasticsearchIndexer _indexer;
    private readonly Dictionary<string, Route> _routes;

    /// <summary>Creates the writer for <paramref name="routes"/> (physical Kafka topic → index and id field).</summary>
    public ElasticsearchWriter(ElasticsearchIndexer indexer, IReadOnlyDictionary<string, OutputIndex> routes)
    {
        _indexer = indexer;
        _routes = routes.ToDictionary(r => r.Key, r => new Route(r.Value.Index, Encoding.UTF8.GetBytes(r.Value.IdField)), StringComparer.Ordinal);
    }

    /// <summary>
    /// The routes of <paramref name="settings"/>' outputs: physical topic → index and id field.
    /// </summary>
    /// <exception cref="ConfigBadValueException">An output is not the logical name of a topic (the message names the key).</exception>
    public static Dictionary<string, OutputIndex> Routes(ElasticsearchSettings settings, KafkaTopics topics)
    {
        var routes = new Dictionary<string, OutputIndex>(StringComparer.Ordinal);
        foreach (var (output, index) in settings.Outputs)
        {
            if (!KafkaTopics.LogicalNames.Contains(output))
            {
                var path = $"{ElasticsearchSettings.Section}.outputs.{output}";
                throw new ConfigBadValueException(path, $"{path} must be the logical name of an output topic ({string.Join(", ", KafkaTopics.LogicalNames)})", origin: null);
            }

            routes[topics.Resolve(output)] = index;
        }

        return routes;
    }

    /// <summary>The indexer's done callback: reports the record's delivery to the flow that wrote it.</summary>
    public static void OnDone(IndexDocument document) => ((DeliveryCallback)document.State!).Complete(null);

    /// <inheritdoc />
    public bool TryWrite(ProducerRecord record, DeliveryCallback callback)
    {
        if (!_routes.TryGetValue(record.Topic, out var route))
        {
            callback.Complete(null);
            return true;
        }

        var document = RecordIds.TryRead(record.Value, route.IdField, out var id, out var error)
            ? new IndexDocument(route.Index, id, record.Value, record.Topic, record.Key, callback)
            : new IndexDocument(route.Index, string.Empty, record.Value, record.Topic, record.Key, callback, $"cannot index into {route.Index}: {error}");
        return _indexer.TryIndex(document);
    }

    /// <inheritdoc />
    public Task WhenRoomAsync() => _indexer.WhenRoomAsync();

    private readonly record struct Route(string Index, byte[] IdField);
}
