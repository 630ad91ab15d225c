using System.Text;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class EnrichedActivityEncoderTests
{
    private const string Topic = "enriched-activity";
    private readonly EnrichedActivityEncoder _encoder = new();

    [Fact]
    public void Encode_FullyJoinedRecord_WritesTheExactContractJson()
    {
        var json = _encoder.Encode(Samples.Enriched);

        Assert.Equal(Samples.EnrichedJson, Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
        SchemaAssert.HasSchemaFieldOrder(Topic, json);
    }

    [Fact]
    public void Encode_NoDetailsNoOffer_WritesEveryJoinedFieldAsNull()
    {
        var json = _encoder.Encode(Samples.EnrichedWithoutJoins);

        Assert.Equal(Samples.EnrichedWithoutJoinsJson, Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
        SchemaAssert.HasSchemaFieldOrder(Topic, json);
    }

    [Fact]
    public void Encode_OfferIdWithoutKnownOffer_KeepsTheIdAndNullsTheOfferFields()
    {
        var text = Encoding.UTF8.GetString(_encoder.Encode(Samples.EnrichedWithoutJoins with { OfferId = 77 }));

        Assert.Contains("\"offer_id\":77,\"offer_name\":null,\"offer_url\":null,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_TextNeedingEscapes_StaysValidJson()
    {
        var record = Samples.Enriched with { LastName = "quote\" back\\slash \u0001 tab\t", FirstName = "Zoë 😀" };

        var json = _encoder.Encode(record);

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(record.LastName, document.RootElement.GetProperty("last_name").GetString());
        Assert.Equal(record.FirstName, document.RootElement.GetProperty("first_name").GetString());
        SchemaAssert.Conforms(Topic, json);
    }
}
