using System.Text;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Domain.Tests.Behaviour;

[Trait("Category", "Unit")]
public sealed class CustomerEventParserTests
{
    private const string Valid =
        """{"event_id":"ev-1","customer_id":123,"session_id":"s-9","timestamp":"2026-01-01T05:17:29.123Z","type":"add_to_cart","product_id":"p-7","category":"books","price":12.5,"quantity":2,"device":"mobile","city":"Lyon","country":"FR"}""";

    [Fact]
    public void TryParse_FullRecord_ReadsEveryField()
    {
        var value = Parse(Valid);

        Assert.Equal("ev-1", value.EventId);
        Assert.Equal(new CustomerId(123), value.CustomerId);
        Assert.Equal("s-9", value.SessionId);
        Assert.Equal("2026-01-01T05:17:29.123Z", value.Timestamp.ToIsoString());
        Assert.Equal(CustomerEventType.AddToCart, value.Type);
        Assert.Equal("p-7", value.ProductId);
        Assert.Equal("books", value.Category);
        Assert.Equal(12.5m, value.Price);
        Assert.Equal(2, value.Quantity);
        Assert.Equal(25m, value.Amount);
        Assert.Equal("mobile", value.Device);
        Assert.Equal(("Lyon", "FR"), (value.City, value.Country));
    }

    [Theory]
    [InlineData("2026-01-01T07:17:29.123+02:00", "2026-01-01T05:17:29.123Z")]
    [InlineData("2025-12-31T23:17:29.123-06:00", "2026-01-01T05:17:29.123Z")]
    [InlineData("2026-01-01T05:17:29.123", "2026-01-01T05:17:29.123Z")]
    [InlineData("2026-01-01T05:17:29.1234567Z", "2026-01-01T05:17:29.1234567Z")]
    public void TryParse_TimestampWithOffset_IsNormalisedToUtc(string timestamp, string utc)
    {
        Assert.Equal(utc, Parse(Valid.Replace("2026-01-01T05:17:29.123Z", timestamp, StringComparison.Ordinal)).Timestamp.ToIsoString());
    }

    [Fact]
    public void TryParse_OptionalFieldsNullOrAbsentAndUnknownFields_AreAccepted()
    {
        var value = Parse(Valid.Replace("\"city\":\"Lyon\",\"country\":\"FR\"", "\"city\":null,\"extra\":{\"a\":[1,2]}", StringComparison.Ordinal));

        Assert.Null(value.City);
        Assert.Null(value.Country);
    }

    [Fact]
    public void TryParse_CustomerIdAsDigitString_IsAccepted()
    {
        Assert.Equal(new CustomerId(123), Parse(Valid.Replace("\"customer_id\":123", "\"customer_id\":\"123\"", StringComparison.Ordinal)).CustomerId);
    }

    [Theory]
    [InlineData("\"timestamp\":\"2026-01-01T05:17:29.123Z\"", "\"timestamp\":\"yesterday\"", "field \"timestamp\" must be an ISO-8601 instant not before 1970, got \"yesterday\"")]
    [InlineData("\"timestamp\":\"2026-01-01T05:17:29.123Z\"", "\"timestamp\":1767244649123", "field \"timestamp\" must be an ISO-8601 instant not before 1970, got 1767244649123")]
    [InlineData("\"timestamp\":\"2026-01-01T05:17:29.123Z\"", "\"timestamp\":\"1969-12-31T23:59:59Z\"", "field \"timestamp\" must be an ISO-8601 instant not before 1970, got \"1969-12-31T23:59:59Z\"")]
    [InlineData("\"timestamp\":\"2026-01-01T05:17:29.123Z\",", "", "missing required field \"timestamp\"")]
    public void TryParse_BadTimestamp_IsRejectedAsATimestampError(string field, string replacement, string message)
    {
        var ok = new CustomerEventParser().TryParse(Bytes(Valid.Replace(field, replacement, StringComparison.Ordinal)), out var value, out var error, out var badTimestamp);

        Assert.False(ok);
        Assert.Null(value);
        Assert.Equal(message, error);
        Assert.True(badTimestamp);
    }

    [Theory]
    [InlineData("\"type\":\"add_to_cart\"", "\"type\":\"click\"", "field \"type\" must be one of view, add_to_cart, remove_from_cart, purchase, got \"click\"")]
    [InlineData("\"price\":12.5", "\"price\":-1", "field \"price\" must be a number between 0 and 1e12, got -1")]
    [InlineData("\"quantity\":2", "\"quantity\":1.5", "field \"quantity\" must be an integer >= 0, got 1.5")]
    [InlineData("\"event_id\":\"ev-1\"", "\"event_id\":\"\"", "field \"event_id\" must be a non-empty string, got \"\"")]
    [InlineData("\"customer_id\":123", "\"customer_id\":\"12a\"", "field \"customer_id\" must be an integer, got \"12a\"")]
    [InlineData("\"device\":\"mobile\",", "", "missing required field \"device\"")]
    [InlineData("\"category\":\"books\"", "\"category\":null", "field \"category\" must be a string, got null")]
    public void TryParse_InvalidField_NamesTheField(string field, string replacement, string message)
    {
        var ok = new CustomerEventParser().TryParse(Bytes(Valid.Replace(field, replacement, StringComparison.Ordinal)), out _, out var error, out var badTimestamp);

        Assert.False(ok);
        Assert.Equal(message, error);
        Assert.False(badTimestamp);
    }

    [Theory]
    [InlineData("", "empty line")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"event_id\":", "not valid JSON: ")]
    [InlineData("{\"event_id\":\"a\"} {}", "not valid JSON: ")]
    public void TryParse_NotOneJsonObject_IsRejected(string line, string message)
    {
        Assert.False(new CustomerEventParser().TryParse(Bytes(line), out _, out var error, out var badTimestamp));
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.False(badTimestamp);
    }

    [Fact]
    public void TryParse_RepeatedCategory_ReturnsTheSameInternedString()
    {
        var parser = new CustomerEventParser();
        Assert.True(parser.TryParse(Bytes(Valid), out var first, out _, out _));
        Assert.True(parser.TryParse(Bytes(Valid), out var second, out _, out _));

        Assert.Same(first.Category, second.Category);
        Assert.Same(first.Device, second.Device);
    }

    [Fact]
    public void WireName_EveryType_RoundTripsThroughTheParser()
    {
        foreach (var type in Enum.GetValues<CustomerEventType>())
        {
            var line = Valid.Replace("add_to_cart", CustomerEventParser.WireName(type), StringComparison.Ordinal);
            Assert.Equal(type, Parse(line).Type);
        }
    }

    private static CustomerEvent Parse(string json)
    {
        Assert.True(new CustomerEventParser().TryParse(Bytes(json), out var value, out var error, out _), error);
        return value;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
