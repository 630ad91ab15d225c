using System.Globalization;
using System.Text;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class MerchantMetricEncoderTests
{
    private const string Topic = "merchant-metrics";
    private readonly MerchantMetricEncoder _encoder = new();

    [Fact]
    public void Encode_Metric_WritesTheExactContractJson()
    {
        var json = _encoder.Encode(Samples.Metric);

        Assert.Equal(Samples.MetricJson, Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
        SchemaAssert.HasSchemaFieldOrder(Topic, json);
    }

    [Theory]
    [InlineData("100.00", 3, "33.3333333333")]
    [InlineData("200.00", 3, "66.6666666667")]
    [InlineData("241.00", 2, "120.50")]
    [InlineData("2000.00", 1, "2000.00")]
    [InlineData("1000.1", 1, "1000.1")]
    [InlineData("0.01", 7, "0.0014285714")]
    public void Encode_AverageOfDecimalDivision_IsRoundedToAtMostTenDecimals(string total, long count, string expected)
    {
        var sum = decimal.Parse(total, CultureInfo.InvariantCulture);
        var metric = Samples.Metric with { TotalAmount = sum, TxCount = count, AvgAmount = sum / count };

        var json = _encoder.Encode(metric);

        Assert.Contains($"\"avg_amount\":{expected},", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        SchemaAssert.Conforms(Topic, json);
    }

    [Fact]
    public void Encode_AverageMidpoint_RoundsAwayFromZero()
    {
        var text = Encoding.UTF8.GetString(_encoder.Encode(Samples.Metric with { AvgAmount = 2.00000000005m }));

        Assert.Contains("\"avg_amount\":2.0000000001,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_TotalsAndMaximum_KeepTheirScale()
    {
        var text = Encoding.UTF8.GetString(_encoder.Encode(Samples.Metric with { TotalAmount = 4000.00m, MaxAmount = 2000.00m }));

        Assert.Contains("\"total_amount\":4000.00,", text, StringComparison.Ordinal);
        Assert.Contains("\"max_amount\":2000.00,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_MetricId_IsMerchantAndWindowStartIso()
    {
        using var document = System.Text.Json.JsonDocument.Parse(_encoder.Encode(Samples.Metric));
        var root = document.RootElement;

        Assert.Equal($"{root.GetProperty("merchant_id").GetString()}:{root.GetProperty("window_start").GetString()}", root.GetProperty("metric_id").GetString());
    }
}
