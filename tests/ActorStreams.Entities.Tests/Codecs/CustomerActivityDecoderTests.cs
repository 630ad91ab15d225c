using System.Text;
using ActorStreams.Domain;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class CustomerActivityDecoderTests
{
    public const string Valid =
        """{"activity_id":9001,"customer_id":42,"activity_type":"web_open","propensity_to_churn":0.85,"ip_address":"10.0.0.7","offer_id":3,"timestamp":"2026-11-22T05:17:29.123Z"}""";

    private readonly CustomerActivityDecoder _decoder = new();

    [Fact]
    public void TryDecode_ValidRecord_ReadsEveryField()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid), out var activity, out var error), error);

        Assert.Equal(new ActivityId(9001), activity.ActivityId);
        Assert.Equal(new CustomerId(42), activity.CustomerId);
        Assert.Equal("web_open", activity.ActivityType);
        Assert.Equal(0.85, activity.PropensityToChurn);
        Assert.Equal("10.0.0.7", activity.IpAddress);
        Assert.Equal(new OfferId(3), activity.OfferId);
        Assert.Equal("2026-11-22T05:17:29.123Z", activity.Timestamp?.ToIsoString());
    }

    [Fact]
    public void TestRecord_Valid_ConformsToTheTopicSchema()
    {
        SchemaAssert.Conforms("customer-activity", Encoding.UTF8.GetBytes(Valid));
    }

    [Theory]
    [InlineData(",\"offer_id\":3", "")]
    [InlineData("\"offer_id\":3", "\"offer_id\":null")]
    public void TryDecode_OfferAbsentOrNull_HasNoOffer(string field, string replacement)
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, replacement, StringComparison.Ordinal)), out var activity, out var error), error);

        Assert.Null(activity.OfferId);
    }

    [Theory]
    [InlineData(",\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":null")]
    public void TryDecode_TimestampAbsentOrNull_MeansProcessingTime(string field, string replacement)
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, replacement, StringComparison.Ordinal)), out var activity, out var error), error);

        Assert.Null(activity.Timestamp);
    }

    [Fact]
    public void TryDecode_IdsAsDigitStrings_ReadsThem()
    {
        const string Json =
            """{"activity_id":"9001","customer_id":"42","activity_type":"web_open","propensity_to_churn":0,"ip_address":"::1","offer_id":"3"}""";

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Json), out var activity, out var error), error);

        Assert.Equal(9001, activity.ActivityId.Value);
        Assert.Equal(42, activity.CustomerId.Value);
        Assert.Equal(3, activity.OfferId?.Value);
        Assert.Equal(0, activity.PropensityToChurn);
    }

    [Theory]
    [InlineData("\"2026-11-22T05:17:29Z\"", "2026-11-22T05:17:29.000Z")]
    [InlineData("\"2026-11-22T05:17:29.123Z\"", "2026-11-22T05:17:29.123Z")]
    [InlineData("\"2026-11-22T05:17:29.1234567Z\"", "2026-11-22T05:17:29.1234567Z")]
    [InlineData("\"2026-11-22T05:17:29.123456789Z\"", "2026-11-22T05:17:29.1234567Z")]
    [InlineData("\"2026-11-22T05:17:29.5+00:00\"", "2026-11-22T05:17:29.500Z")]
    [InlineData("\"2026-11-22T07:17:29.123+02:00\"", "2026-11-22T05:17:29.123Z")]
    [InlineData("1795324649123", "2026-11-22T05:17:29.123Z")]
    public void TryDecode_TimestampForms_GiveTheUtcInstant(string timestamp, string expected)
    {
        var json = Valid.Replace("\"2026-11-22T05:17:29.123Z\"", timestamp, StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var activity, out var error), error);

        Assert.Equal(expected, activity.Timestamp?.ToIsoString());
    }

    [Theory]
    [InlineData("\"propensity_to_churn\":0.85", "\"propensity_to_churn\":1.7", "field \"propensity_to_churn\" must be a number between 0 and 1, got 1.7")]
    [InlineData("\"propensity_to_churn\":0.85", "\"propensity_to_churn\":-0.1", "field \"propensity_to_churn\" must be a number between 0 and 1, got -0.1")]
    [InlineData("\"propensity_to_churn\":0.85", "\"propensity_to_churn\":\"0.5\"", "field \"propensity_to_churn\" must be a number between 0 and 1, got \"0.5\"")]
    [InlineData("\"activity_id\":9001", "\"activity_id\":\"x9001\"", "field \"activity_id\" must be an integer, got \"x9001\"")]
    [InlineData("\"activity_id\":9001", "\"activity_id\":true", "field \"activity_id\" must be an integer, got true")]
    [InlineData("\"customer_id\":42", "\"customer_id\":\"+42\"", "field \"customer_id\" must be an integer, got \"+42\"")]
    [InlineData("\"customer_id\":42", "\"customer_id\":\" 42\"", "field \"customer_id\" must be an integer, got \" 42\"")]
    [InlineData("\"offer_id\":3", "\"offer_id\":3.5", "field \"offer_id\" must be an integer, got 3.5")]
    [InlineData("\"offer_id\":3", "\"offer_id\":[3]", "field \"offer_id\" must be an integer, got an array")]
    [InlineData("\"activity_type\":\"web_open\"", "\"activity_type\":1", "field \"activity_type\" must be a string, got 1")]
    [InlineData("\"ip_address\":\"10.0.0.7\"", "\"ip_address\":null", "field \"ip_address\" must be a string, got null")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":\"2026-02-30T00:00:00Z\"", "field \"timestamp\" must be an ISO-8601 timestamp or epoch milliseconds, got \"2026-02-30T00:00:00Z\"")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":\"2026-11-22\"", "field \"timestamp\" must be an ISO-8601 timestamp or epoch milliseconds, got \"2026-11-22\"")]
    [InlineData("\"timestamp\":\"2026-11-22T05:17:29.123Z\"", "\"timestamp\":false", "field \"timestamp\" must be an ISO-8601 timestamp or epoch milliseconds, got false")]
    public void TryDecode_WrongType_NamesTheFieldAndTheValue(string field, string replacement, string expected)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, replacement, StringComparison.Ordinal)), out _, out var error));

        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"activity_id\":9001,", "activity_id")]
    [InlineData("\"customer_id\":42,", "customer_id")]
    [InlineData("\"activity_type\":\"web_open\",", "activity_type")]
    [InlineData("\"propensity_to_churn\":0.85,", "propensity_to_churn")]
    [InlineData("\"ip_address\":\"10.0.0.7\",", "ip_address")]
    public void TryDecode_MissingRequiredField_NamesIt(string field, string name)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, string.Empty, StringComparison.Ordinal)), out _, out var error));

        Assert.Equal($"missing required field \"{name}\"", error);
    }

    [Fact]
    public void TryDecode_UnknownFields_AreIgnored()
    {
        var json = Valid.Replace("{", """{"extra":{"nested":[1,{"a":null}]},"another":"x",""", StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var activity, out var error), error);

        Assert.Equal(9001, activity.ActivityId.Value);
    }

    [Fact]
    public void TryDecode_ActivityType_IsInterned()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid), out var first, out _));
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace("9001", "9002", StringComparison.Ordinal)), out var second, out _));

        Assert.Same(first.ActivityType, second.ActivityType);
    }

    [Fact]
    public void TryDecode_ConcurrentCallersOnASharedDecoder_AllGetTheirRecord()
    {
        var failures = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var json = Valid.Replace("9001", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("web_open", "type_" + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (!CustomerActivityDecoder.Shared.TryDecode(Encoding.UTF8.GetBytes(json), out var activity, out _)
                || activity.ActivityId.Value != i || activity.ActivityType != "type_" + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData(new byte[] { 0x7b, 0x22, 0xff, 0x22, 0x7d }, "value is not valid UTF-8")]
    [InlineData(new byte[0], "value is empty")]
    public void TryDecode_NotUtf8OrEmpty_SaysSo(byte[] value, string expected)
    {
        Assert.False(_decoder.TryDecode(value, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("{\"activity_id\":1,", "value is not valid JSON: ")]
    [InlineData("nope", "value is not valid JSON: ")]
    [InlineData("42", "value must be a JSON object, got 42")]
    [InlineData("null", "value must be a JSON object, got null")]
    public void TryDecode_NotAJsonObject_ExplainsWhy(string value, string expected)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(value), out _, out var error));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
