using System.Text;
using ActorStreams.Domain;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class TransactionDecoderTests
{
    private readonly TransactionDecoder _decoder = new();

    [Fact]
    public void TryDecode_ValidRecord_ReadsEveryField()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(TransactionJson.Valid(42)), out var tx, out var error), error);

        Assert.Equal("t-42", tx.TransactionId.Value);
        Assert.Equal(new CustomerId(42), tx.CustomerId);
        Assert.Equal("m-7", tx.MerchantId.Value);
        Assert.Equal("grocery", tx.MerchantCategory);
        Assert.Equal(120.5m, tx.Amount);
        Assert.Equal("EUR", tx.Currency);
        Assert.Equal("card", tx.PaymentMethod);
        Assert.Equal("d-42", tx.DeviceId);
        Assert.Equal("10.0.0.1", tx.IpAddress);
        Assert.Equal(48.85, tx.Latitude);
        Assert.Equal(2.35, tx.Longitude);
        Assert.Equal("FR", tx.Country);
        Assert.Equal("Paris", tx.City);
        Assert.Equal("2026-11-22T05:17:29.123Z", tx.Timestamp.ToIsoString());
        Assert.False(tx.IsFraud);
    }

    [Fact]
    public void TryDecode_OptionalFieldsAbsentOrNull_LeavesThemUnset()
    {
        const string Json = """
            {"transaction_id":"t","customer_id":1,"merchant_id":"m","merchant_category":"c","amount":1,"currency":"USD",
             "payment_method":"p","device_id":"d","ip_address":"i","timestamp":"2026-01-01T00:00:00Z","latitude":null,"city":null,"extra":{"x":[1,2]}}
            """;

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Json), out var tx, out var error), error);

        Assert.Null(tx.Latitude);
        Assert.Null(tx.Longitude);
        Assert.Null(tx.City);
        Assert.Null(tx.Country);
        Assert.Null(tx.IsFraud);
        Assert.False(tx.HasCoordinates);
    }

    [Fact]
    public void TryDecode_InternedFields_ShareOneStringAcrossRecords()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(TransactionJson.Valid(1)), out var first, out _));
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(TransactionJson.Valid(2)), out var second, out _));

        Assert.Same(first.Currency, second.Currency);
        Assert.Same(first.MerchantCategory, second.MerchantCategory);
    }

    [Theory]
    [InlineData("not json", "value is not valid JSON")]
    [InlineData("[1,2]", "value must be a JSON object, got an array")]
    [InlineData("\"text\"", "value must be a JSON object, got \"text\"")]
    [InlineData("{\"customer_id\":1", "value is not valid JSON")]
    public void TryDecode_NotAJsonObject_ExplainsWhy(string value, string expected)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(value), out _, out var error));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"amount\":120.5", "\"amount\":\"abc\"", "field \"amount\" must be a number > 0 and at most 1e12, got \"abc\"")]
    [InlineData("\"amount\":120.5", "\"amount\":-3", "field \"amount\" must be a number > 0 and at most 1e12, got -3")]
    [InlineData("\"amount\":120.5", "\"amount\":0", "field \"amount\" must be a number > 0 and at most 1e12, got 0")]
    [InlineData("\"amount\":120.5", "\"amount\":1000000000000.01", "field \"amount\" must be a number > 0 and at most 1e12, got 1000000000000.01")]
    [InlineData("\"amount\":120.5", "\"amount\":1e400", "field \"amount\" must be a number > 0 and at most 1e12, got 1e400")]
    [InlineData("\"amount\":120.5", "\"amount\":\"NaN\"", "field \"amount\" must be a number > 0 and at most 1e12, got \"NaN\"")]
    [InlineData("\"amount\":120.5", "\"amount\":\"Infinity\"", "field \"amount\" must be a number > 0 and at most 1e12, got \"Infinity\"")]
    [InlineData("\"latitude\":48.85", "\"latitude\":1e400", "field \"latitude\" must be a number between -90 and 90, got 1e400")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":\"1969-12-31T23:59:59.999Z\"", "field \"timestamp\" must not be before 1970-01-01T00:00:00Z, got \"1969-12-31T23:59:59.999Z\"")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":-1", "field \"timestamp\" must not be before 1970-01-01T00:00:00Z, got -1")]
    [InlineData("\"customer_id\":7", "\"customer_id\":\"7a\"", "field \"customer_id\" must be an integer, got \"7a\"")]
    [InlineData("\"customer_id\":7", "\"customer_id\":\"\"", "field \"customer_id\" must be an integer, got \"\"")]
    [InlineData("\"customer_id\":7", "\"customer_id\":null", "field \"customer_id\" must be an integer, got null")]
    [InlineData("\"customer_id\":7", "\"customer_id\":9223372036854775808", "field \"customer_id\" must be an integer, got 9223372036854775808")]
    [InlineData("\"customer_id\":7", "\"customer_id\":7.5", "field \"customer_id\" must be an integer, got 7.5")]
    [InlineData("\"transaction_id\":\"t-7\"", "\"transaction_id\":\"\"", "field \"transaction_id\" must be a non-empty string, got \"\"")]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":null", "field \"currency\" must be a string, got null")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":\"yesterday\"", "field \"timestamp\" must be an ISO-8601 timestamp or epoch milliseconds, got \"yesterday\"")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":1.5", "field \"timestamp\" must be an ISO-8601 timestamp or epoch milliseconds, got 1.5")]
    [InlineData("\"longitude\":2.35", "\"longitude\":-180.5", "field \"longitude\" must be a number between -180 and 180, got -180.5")]
    [InlineData("\"country\":\"FR\"", "\"country\":7", "field \"country\" must be a string, got 7")]
    [InlineData("\"latitude\":48.85", "\"latitude\":91", "field \"latitude\" must be a number between -90 and 90, got 91")]
    [InlineData("\"is_fraud\":false", "\"is_fraud\":\"no\"", "field \"is_fraud\" must be a boolean, got \"no\"")]
    [InlineData("\"merchant_id\":\"m-7\"", "\"merchant_id\":{\"a\":1}", "field \"merchant_id\" must be a non-empty string, got an object")]
    public void TryDecode_WrongType_NamesTheFieldAndTheValue(string field, string replacement, string expected)
    {
        var json = TransactionJson.Valid(7).Replace(field, replacement, StringComparison.Ordinal);

        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));

        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"amount\":120.5,", "amount")]
    [InlineData("\"transaction_id\":\"t-7\",", "transaction_id")]
    [InlineData(",\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "timestamp")]
    public void TryDecode_MissingRequiredField_NamesIt(string field, string name)
    {
        var json = TransactionJson.Valid(7).Replace(field, string.Empty, StringComparison.Ordinal);

        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));

        Assert.Equal($"missing required field \"{name}\"", error);
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("7")]
    public void TryDecode_CustomerIdAsNumberOrDigitString_ReadsIt(string customerId)
    {
        var json = TransactionJson.Valid(7).Replace("\"customer_id\":7", "\"customer_id\":" + customerId, StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var tx, out var error), error);

        Assert.Equal(new CustomerId(7), tx.CustomerId);
    }

    [Fact]
    public void TryDecode_TimestampAsEpochMilliseconds_ReadsIt()
    {
        var json = TransactionJson.Valid(7).Replace("\"2026-11-22T05:17:29.123Z\"", "1795324649123", StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var tx, out var error), error);

        Assert.Equal("2026-11-22T05:17:29.123Z", tx.Timestamp.ToIsoString());
    }

    [Fact]
    public void TryDecode_AmountScale_IsKeptExactly()
    {
        var json = TransactionJson.Valid(7).Replace("\"amount\":120.5", "\"amount\":2000.00", StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var tx, out var error), error);

        Assert.Equal(2000.00m, tx.Amount);
        Assert.Equal("2000.00", tx.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryDecode_EscapedNamesAndValues_AreUnescaped()
    {
        var json = TransactionJson.Valid(7)
            .Replace("\"currency\":\"EUR\"", "\"\\u0063urrency\":\"E\\u0055R\"", StringComparison.Ordinal)
            .Replace("\"customer_id\":7", "\"customer_id\":\"\\u0037\"", StringComparison.Ordinal)
            .Replace("\"city\":\"Paris\"", "\"city\":\"S\\u00e3o Paulo\"", StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var tx, out var error), error);

        Assert.Equal("EUR", tx.Currency);
        Assert.Equal(7, tx.CustomerId.Value);
        Assert.Equal("São Paulo", tx.City);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void TryDecode_NonJsonNumberLiteral_IsNotJson(string literal)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(TransactionJson.Valid(7).Replace("\"amount\":120.5", $"\"amount\":{literal}", StringComparison.Ordinal)), out _, out var error));
        Assert.StartsWith("value is not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_LargestAmountAndTheEpoch_AreValid()
    {
        var json = TransactionJson.Valid(7)
            .Replace("\"amount\":120.5", "\"amount\":1000000000000", StringComparison.Ordinal)
            .Replace("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":\"1970-01-01T00:00:00Z\"", StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var transaction, out var error), error);
        Assert.Equal(1_000_000_000_000m, transaction.Amount);
        Assert.Equal(EventTime.UnixEpoch, transaction.Timestamp);
    }

    [Fact]
    public void TryDecode_UnknownFieldsOfAnyShape_AreIgnored()
    {
        var json = TransactionJson.Valid(7).Replace(
            "\"amount\":120.5", "\"note\":\"retry\",\"amount\":120.5,\"extra\":{\"a\":[1,{\"b\":null}],\"amount\":-1},\"flags\":[true,false]", StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var transaction, out var error), error);
        Assert.Equal(120.5m, transaction.Amount);
    }

    [Fact]
    public void TryDecode_TrailingGarbage_IsNotJson()
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(TransactionJson.Valid(7) + " {}"), out _, out var error));

        Assert.StartsWith("value is not valid JSON: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TestRecord_Valid_ConformsToTheTopicSchema()
    {
        SchemaAssert.Conforms("transactions", Encoding.UTF8.GetBytes(TransactionJson.Valid(7)));
    }

    [Fact]
    public void TryDecode_InvalidUtf8_SaysSo()
    {
        Assert.False(_decoder.TryDecode([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d], out _, out var error));

        Assert.Equal("value is not valid UTF-8", error);
    }

    [Fact]
    public void TryDecode_EmptyValue_SaysSo()
    {
        Assert.False(_decoder.TryDecode([], out _, out var error));

        Assert.Equal("value is empty", error);
    }
}
