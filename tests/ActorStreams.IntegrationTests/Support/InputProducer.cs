using System.Globalization;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using Confluent.Kafka;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// Produces planned records in order with the product's <see cref="KafkaSink"/> (murmur2, idempotent, lz4), and
/// tombstones, which the sink does not write, with a plain murmur2 producer after the sink has flushed.
/// </summary>
public static class InputProducer
{
    /// <summary>Produces <paramref name="records"/> and waits until every one is delivered.</summary>
    public static async Task ProduceAsync(KafkaSettings kafka, IReadOnlyList<PlannedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(records);
        var tombstoned = new HashSet<(string, string)>();
        foreach (var record in records)
        {
            var id = (record.Topic, Convert.ToHexString(record.Key ?? []));
            if (record.Value is null)
            {
                tombstoned.Add(id);
            }
            else if (tombstoned.Contains(id))
            {
                throw new ArgumentException($"a record of {record.Topic} follows a tombstone of its key in one phase: tombstones are produced last", nameof(records));
            }
        }

        var bulk = kafka with
        {
            Producer = kafka.Producer with
            {
                Linger = TimeSpan.FromMilliseconds(20),
                Properties = new Dictionary<string, string> { ["batch.num.messages"] = "10000" },
            },
        };
        await using (var sink = new KafkaSink(bulk, clientIdSuffix: "it-input"))
        {
            foreach (var record in records.Where(r => r.Value is not null))
            {
                await sink.ProduceAsync(kafka.Topics.Resolve(record.Topic), record.Key, record.Value!, cancellationToken);
            }

            await sink.FlushAsync(cancellationToken);
        }

        var tombstones = records.Where(r => r.Value is null).ToList();
        if (tombstones.Count == 0)
        {
            return;
        }

        var config = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = kafka.BootstrapServers,
            ["partitioner"] = "murmur2_random",
            ["enable.idempotence"] = "true",
            ["linger.ms"] = "1",
        };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        foreach (var record in tombstones)
        {
            var result = await producer.ProduceAsync(kafka.Topics.Resolve(record.Topic), new Message<byte[]?, byte[]?> { Key = record.Key, Value = null }, cancellationToken);
            if (result.Status != PersistenceStatus.Persisted)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"tombstone of {record.Topic} not persisted: {result.Status}"));
            }
        }
    }
}
