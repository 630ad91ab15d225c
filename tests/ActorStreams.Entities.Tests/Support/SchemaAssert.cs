using System.Collections.Concurrent;
using System.Text;
using ActorStreams.Generator.Avro;

namespace ActorStreams.Entities.Tests.Support;

/// <summary>Checks JSON against the topic's schema in schemas/ with the Generator's Avro validator.</summary>
internal static class SchemaAssert
{
    private static readonly ConcurrentDictionary<string, AvroSchema> Schemas = new(StringComparer.Ordinal);

    public static AvroSchema Load(string topic) => Schemas.GetOrAdd(topic, t => AvroSchema.Load(RepositoryPaths.TopicSchema(t)));

    public static void Conforms(string topic, byte[] json)
    {
        var errors = AvroValidator.Validate(Load(topic), json, topic);
        Assert.True(errors.Count == 0, $"{Encoding.UTF8.GetString(json)}: {string.Join("; ", errors)}");
    }

    /// <summary>The record's top-level field names in order equal the schema's.</summary>
    public static void HasSchemaFieldOrder(string topic, byte[] json)
    {
        var schema = Assert.IsType<AvroRecordSchema>(Load(topic));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        // Optional fields a record leaves out (churn-alerts' model fields in an EWMA alert) are skipped; the rest keep the schema's order.
        var written = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(schema.Fields.Select(f => f.Name).Where(written.Contains), written);
    }
}
