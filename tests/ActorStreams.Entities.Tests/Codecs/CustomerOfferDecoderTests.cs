using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class CustomerOfferDecoderTests
{
    public const string Valid = """{"offer_id":3,"offer_name":"safe_driver_program","offer_url":"https://offers.example.com/safe-driver?a=1&b=2"}""";

    private readonly CustomerOfferDecoder _decoder = new();

    [Fact]
    public void TryDecode_ValidRecord_ReadsEveryField()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid), out var offer, out var error), error);

        Assert.Equal(new CustomerOffer { OfferId = new OfferId(3), OfferName = "safe_driver_program", OfferUrl = "https://offers.example.com/safe-driver?a=1&b=2" }, offer);
    }

    [Fact]
    public void TestRecord_Valid_ConformsToTheTopicSchema()
    {
        SchemaAssert.Conforms("customer-offers", Encoding.UTF8.GetBytes(Valid));
    }

    [Fact]
    public void TryDecode_OfferIdAsDigitString_ReadsIt()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace("\"offer_id\":3", "\"offer_id\":\"3\"", StringComparison.Ordinal)), out var offer, out var error), error);

        Assert.Equal(3, offer.OfferId.Value);
    }

    [Theory]
    [InlineData("\"offer_id\":3", "\"offer_id\":\"three\"", "field \"offer_id\" must be an integer, got \"three\"")]
    [InlineData("\"offer_name\":\"safe_driver_program\"", "\"offer_name\":null", "field \"offer_name\" must be a string, got null")]
    [InlineData("\"offer_url\":\"https://offers.example.com/safe-driver?a=1&b=2\"", "\"offer_url\":2", "field \"offer_url\" must be a string, got 2")]
    public void TryDecode_WrongType_NamesTheFieldAndTheValue(string field, string replacement, string expected)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, replacement, StringComparison.Ordinal)), out _, out var error));

        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"offer_id\":3,", "offer_id")]
    [InlineData("\"offer_name\":\"safe_driver_program\",", "offer_name")]
    [InlineData(",\"offer_url\":\"https://offers.example.com/safe-driver?a=1&b=2\"", "offer_url")]
    public void TryDecode_MissingRequiredField_NamesIt(string field, string name)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, string.Empty, StringComparison.Ordinal)), out _, out var error));

        Assert.Equal($"missing required field \"{name}\"", error);
    }
}
