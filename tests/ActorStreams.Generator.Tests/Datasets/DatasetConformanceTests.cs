using System.Globalization;
using System.Text.RegularExpressions;
using ActorStreams.Generator.Avro;
using ActorStreams.Generator.Tests.Support;

namespace ActorStreams.Generator.Tests.Datasets;

/// <summary>Every dataset against the contract: its topic's schema, the timestamp format, the keys, and byte-for-byte determinism.</summary>
[Trait("Category", "Unit")]
public sealed partial class DatasetConformanceTests
{
    public static TheoryData<string> Datasets => [.. GeneratorDatasets.All];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Dataset_EveryRecord_ConformsToItsTopicSchemaWithExactlyItsFields(string dataset)
    {
        var records = TestSettings.Generate(dataset, TestSettings.With() with { Customers = 300, Offers = 7 }, 6_000);
        var schemas = new Dictionary<string, AvroRecordSchema>(StringComparer.Ordinal);

        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            if (!schemas.TryGetValue(record.Topic, out var schema))
            {
                schemas[record.Topic] = schema = (AvroRecordSchema)AvroSchema.Load(RepositoryPaths.TopicSchema(record.Topic));
            }

            var value = record.Parse();
            var errors = AvroValidator.Validate(schema, value, record.Topic);
            Assert.True(errors.Count == 0, $"{record.Json}: {string.Join("; ", errors)}");
            Assert.Equal(schema.Fields.Select(f => f.Name), value.EnumerateObject().Select(p => p.Name));
            if (value.TryGetProperty("timestamp", out var timestamp))
            {
                Assert.Matches(IsoMillisUtc(), timestamp.GetString());
            }

            var keyField = record.Topic == GeneratorDatasets.CustomerOffers ? "offer_id" : "customer_id";
            Assert.Equal(value.GetProperty(keyField).GetInt64().ToString(CultureInfo.InvariantCulture), record.Key);
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Dataset_SameSeedAndSettings_IsByteIdenticalAndAnotherSeedIsNot(string dataset)
    {
        var first = await WriteAsync(dataset, TestSettings.With(seed: 5));
        var second = await WriteAsync(dataset, TestSettings.With(seed: 5));
        var otherSeed = await WriteAsync(dataset, TestSettings.With(seed: 6));

        Assert.True(first.Length > 1000);
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task Dataset_OtherStart_ChangesTimestampsAndTransactionIdsOnly()
    {
        var settings = TestSettings.With(seed: 5);
        var first = Lines(await WriteAsync(GeneratorDatasets.Transactions, settings));
        var later = Lines(await WriteAsync(GeneratorDatasets.Transactions, settings with { Start = settings.Start!.Value.AddDays(1) }));

        static string Strip(string line) => Regex.Replace(Regex.Replace(line, "\"transaction_id\":\"[^\"]*\"", string.Empty), "\"timestamp\":\"[^\"]*\"", string.Empty);
        Assert.Equal(first.Select(Strip), later.Select(Strip));
        Assert.Empty(first.Intersect(later));
    }

    private static async Task<byte[]> WriteAsync(string dataset, GeneratorSettings settings)
    {
        using var buffer = new MemoryStream();
        var stream = DataGenerator.Open(dataset, settings with { Customers = 200 }, TimeProvider.System, 3_000);
        await GeneratorOutput.WriteJsonLinesAsync(stream, buffer, TimeProvider.System);
        return buffer.ToArray();
    }

    private static string[] Lines(byte[] utf8) => System.Text.Encoding.UTF8.GetString(utf8).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMillisUtc();
}
