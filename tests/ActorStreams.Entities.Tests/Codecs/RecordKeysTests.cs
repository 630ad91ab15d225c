using System.Globalization;
using System.Text;
using ActorStreams.Domain;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class RecordKeysTests
{
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("0", 0L)]
    [InlineData("-7", -7L)]
    [InlineData("007", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void TryParseCustomerId_DecimalText_GivesTheId(string key, long expected)
    {
        Assert.True(RecordKeys.TryParseCustomerId(Encoding.UTF8.GetBytes(key), out var id));

        Assert.Equal(new CustomerId(expected), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1a")]
    [InlineData("1.0")]
    [InlineData("0x10")]
    [InlineData("١٢")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999")]
    public void TryParseCustomerId_AnythingElse_IsFalse(string key)
    {
        Assert.False(RecordKeys.TryParseCustomerId(Encoding.UTF8.GetBytes(key), out _));
        Assert.False(RecordKeys.TryParseInt64(Encoding.UTF8.GetBytes(key), out _));
    }

    [Theory]
    [InlineData(42L)]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void NumericKeys_AreTheDecimalForm_AndParseBack(long value)
    {
        var expected = Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(expected, RecordKeys.Customer(new CustomerId(value)));
        Assert.Equal(expected, RecordKeys.Activity(new ActivityId(value)));
        Assert.Equal(expected, RecordKeys.Offer(new OfferId(value)));
        Assert.True(RecordKeys.TryParseCustomerId(RecordKeys.Customer(new CustomerId(value)), out var parsed));
        Assert.Equal(value, parsed.Value);
    }

    [Fact]
    public void Merchant_IsTheIdAsUtf8_AndRejectsAnEmptyId()
    {
        Assert.Equal("m-café"u8.ToArray(), RecordKeys.Merchant(new MerchantId("m-café")));
        Assert.Throws<ArgumentException>(() => RecordKeys.Merchant(new MerchantId(string.Empty)));
        Assert.ThrowsAny<ArgumentException>(() => RecordKeys.Merchant(default));
    }

    [Theory]
    [InlineData("m-grocery-007", "m-grocery-007", true)]
    [InlineData("m-grocery-007", "m-grocery-008", false)]
    [InlineData("m-grocery-007", "m-grocery-0077", false)]
    [InlineData("m-café", "m-café", true)]
    [InlineData("m-café", "m-cafe", false)]
    [InlineData("", "m", false)]
    public void IsMerchantKey_ComparesTheUtf8Bytes(string key, string merchantId, bool expected)
    {
        Assert.Equal(expected, RecordKeys.IsMerchantKey(Encoding.UTF8.GetBytes(key), new MerchantId(merchantId)));
    }

    [Fact]
    public void For_OutputRecords_AreTheKeysOfDesignSection5()
    {
        Assert.Equal("42"u8.ToArray(), RecordKeys.For(Samples.HighAmount));
        Assert.Equal("42"u8.ToArray(), RecordKeys.For(Samples.Churn));
        Assert.Equal("9001"u8.ToArray(), RecordKeys.For(Samples.Enriched));
        Assert.Equal("m-grocery-007"u8.ToArray(), RecordKeys.For(Samples.Metric));
    }
}
