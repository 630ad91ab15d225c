using System.Net;
using System.Text.Json;
using ActorStreams.Generator.Avro;
using ActorStreams.Generator.Tests.Support;

namespace ActorStreams.Generator.Tests;

[Trait("Category", "Unit")]
public sealed class SchemaDrivenGenerationTests
{
    public static TheoryData<string> AllSchemaFiles => [.. RepositoryPaths.TopicSchemaFiles.Concat(RepositoryPaths.ConformanceSchemaFiles)];

    [Theory]
    [MemberData(nameof(AllSchemaFiles))]
    public void OpenSchema_EveryGeneratedRecord_ValidatesAgainstItsSchema(string file)
    {
        var schema = AvroSchema.Load(file);

        var records = GeneratedRecord.Drain(DataGenerator.OpenSchema(schema, TestSettings.With(), TimeProvider.System, 500));

        Assert.Equal(500, records.Count);
        Assert.All(records, r =>
        {
            var errors = AvroValidator.Validate(schema, r.Parse());
            Assert.True(errors.Count == 0, $"{r.Json}: {string.Join("; ", errors)}");
        });

        // Not the same record over and over.
        Assert.True(records.Select(r => r.Json).Distinct().Count() > 450);
    }

    [Fact]
    public void OpenSchema_RecursiveInteropNode_EndsAndStillNestsSometimes()
    {
        var schema = AvroSchema.Load(Path.Combine(RepositoryPaths.AvroConformance, "interop.avsc"));

        var depths = GeneratedRecord.Drain(DataGenerator.OpenSchema(schema, TestSettings.With(), TimeProvider.System, 300))
            .Select(r => Depth(r.Parse().GetProperty("recordField")))
            .ToList();

        Assert.Contains(depths, d => d >= 2);
        Assert.All(depths, d => Assert.InRange(d, 1, 8));
    }

    [Fact]
    public void OpenSchema_SameSeed_IsDeterministic()
    {
        var schema = AvroSchema.Load(Path.Combine(RepositoryPaths.AvroConformance, "interop.avsc"));

        string[] Run() => [.. GeneratedRecord.Drain(DataGenerator.OpenSchema(schema, TestSettings.With(seed: 9), TimeProvider.System, 50)).Select(r => r.Json)];

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void OpenSchema_FieldNamesAndDocs_ChooseRealisticValues()
    {
        var schema = AvroSchema.Parse("""
            {"type": "record", "name": "Person", "fields": [
              {"name": "email", "type": "string"},
              {"name": "first_name", "type": "string"},
              {"name": "last_name", "type": "string"},
              {"name": "ip_address", "type": "string"},
              {"name": "homepage_url", "type": "string"},
              {"name": "city", "type": "string"},
              {"name": "income", "type": "long"},
              {"name": "fico", "type": "int"},
              {"name": "gender", "type": "string"},
              {"name": "contact", "type": "string", "doc": "The customer's email address."},
              {"name": "created_at", "type": "string"},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 8, "scale": 2}},
              {"name": "born", "type": {"type": "int", "logicalType": "date"}},
              {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "ref", "type": {"type": "string", "logicalType": "uuid"}}
            ]}
            """);

        var records = GeneratedRecord.Drain(DataGenerator.OpenSchema(schema, TestSettings.With(), TimeProvider.System, 100)).Select(r => r.Parse()).ToList();

        Assert.All(records, r =>
        {
            Assert.Matches(@"^[^@\s]+@[^@\s]+\.[a-z]+$", r.GetProperty("email").GetString());
            Assert.Matches(@"^[^@\s]+@[^@\s]+\.[a-z]+$", r.GetProperty("contact").GetString());
            Assert.True(IPAddress.TryParse(r.GetProperty("ip_address").GetString(), out _));
            Assert.True(Uri.TryCreate(r.GetProperty("homepage_url").GetString(), UriKind.Absolute, out _));
            Assert.InRange(r.GetProperty("income").GetInt64(), 20_000, 500_000);
            Assert.InRange(r.GetProperty("fico").GetInt32(), 300, 850);
            Assert.Contains(r.GetProperty("gender").GetString(), new[] { "Male", "Female" });
            Assert.True(DateTimeOffset.TryParse(r.GetProperty("created_at").GetString(), out _));
            var seen = DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("seen").GetInt64());
            Assert.InRange(seen, TestSettings.Start.AddDays(-31), TestSettings.Start);
            Assert.InRange(DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + r.GetProperty("born").GetInt32()).Year, 2016, 2026);
        });
        Assert.True(records.Select(r => r.GetProperty("first_name").GetString()).Distinct().Count() > 30);
        Assert.True(records.Select(r => r.GetProperty("city").GetString()).Distinct().Count() > 20);
    }

    [Fact]
    public void OpenSchema_RecordThatRequiresItself_IsRefusedNamingTheField()
    {
        var schema = AvroSchema.Parse("""
            {"type": "record", "name": "Loop", "fields": [
              {"name": "label", "type": "string"},
              {"name": "next", "type": "Loop"}
            ]}
            """);

        var error = Assert.Throws<AvroSchemaException>(() => DataGenerator.OpenSchema(schema, TestSettings.With(), TimeProvider.System, 1));

        Assert.StartsWith("field Loop.next: unsupported: record Loop needs itself through this field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSchema_NonRecordSchema_IsRefused()
    {
        var error = Assert.Throws<AvroSchemaException>(() => DataGenerator.OpenSchema(AvroSchema.Parse("\"string\""), TestSettings.With(), TimeProvider.System, 1));

        Assert.Contains("needs a record schema at the top level, got string", error.Message, StringComparison.Ordinal);
    }

    private static int Depth(JsonElement node) =>
        1 + node.GetProperty("children").EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max();
}
