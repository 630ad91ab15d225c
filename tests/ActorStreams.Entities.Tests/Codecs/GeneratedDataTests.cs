using System.Text;
using ActorStreams.Domain;
using ActorStreams.Entities.Codecs;
using ActorStreams.Generator;

namespace ActorStreams.Entities.Tests.Codecs;

/// <summary>The decoders against what the generator produces for every input dataset: every record decodes, its key agrees.</summary>
[Trait("Category", "Unit")]
public sealed class GeneratedDataTests
{
    public static TheoryData<string> Datasets => [GeneratorDatasets.Transactions, GeneratorDatasets.Insurance];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Decode_GeneratedRecords_AllDecodeWithTheirKey(string dataset)
    {
        var settings = GeneratorSettings.Default with { Seed = 3, Start = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero), Customers = 200, Offers = 5 };
        var stream = DataGenerator.Open(dataset, settings, TimeProvider.System, 3_000);
        var decoded = new Dictionary<string, int>(StringComparer.Ordinal);

        while (stream.MoveNext())
        {
            var value = stream.Value;
            var key = stream.Key;
            string? error;
            long keyField;
            switch (stream.Topic)
            {
                case "transactions":
                    Assert.True(TransactionDecoder.Shared.TryDecode(value, out var tx, out error), $"{error}: {Encoding.UTF8.GetString(value)}");
                    keyField = tx.CustomerId.Value;
                    Assert.Equal(tx.Timestamp, EventTime.FromUnixMilliseconds(tx.Timestamp.UnixMilliseconds));
                    break;
                case "customer-activity":
                    Assert.True(CustomerActivityDecoder.Shared.TryDecode(value, out var activity, out error), $"{error}: {Encoding.UTF8.GetString(value)}");
                    keyField = activity.CustomerId.Value;
                    break;
                case "customer-details":
                    Assert.True(CustomerDetailsDecoder.Shared.TryDecode(value, out var details, out error), $"{error}: {Encoding.UTF8.GetString(value)}");
                    keyField = details.CustomerId.Value;
                    break;
                case "customer-offers":
                    Assert.True(CustomerOfferDecoder.Shared.TryDecode(value, out var offer, out error), $"{error}: {Encoding.UTF8.GetString(value)}");
                    keyField = offer.OfferId.Value;
                    break;
                default:
                    throw new InvalidOperationException($"unexpected topic {stream.Topic}");
            }

            Assert.True(RecordKeys.TryParseInt64(key, out var parsedKey), Encoding.UTF8.GetString(key));
            Assert.Equal(keyField, parsedKey);
            decoded[stream.Topic] = decoded.GetValueOrDefault(stream.Topic) + 1;
        }

        Assert.True(decoded.Values.Sum() >= 3_000);
        if (dataset == GeneratorDatasets.Insurance)
        {
            Assert.Equal(["customer-activity", "customer-details", "customer-offers"], decoded.Keys.Order(StringComparer.Ordinal));
        }
    }
}
