using System.Text;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class ChurnAlertEncoderTests
{
    private const string Topic = "churn-alerts";
    private readonly ChurnAlertEncoder _encoder = new();

    [Fact]
    public void Encode_Alert_WritesTheExactContractJson()
    {
        var json = _encoder.Encode(Samples.Churn);

        Assert.Equal(Samples.ChurnJson, Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
        SchemaAssert.HasSchemaFieldOrder(Topic, json);
    }

    [Theory]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(0.7, "0.7")]
    [InlineData(1.0, "1")]
    [InlineData(1e-7, "1E-07")]
    public void Encode_Score_IsWrittenInRoundTripForm(double score, string expected)
    {
        var text = Encoding.UTF8.GetString(_encoder.Encode(Samples.Churn with { Score = score }));

        Assert.Contains($"\"score\":{expected},", text, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal(score, document.RootElement.GetProperty("score").GetDouble());
    }

    [Fact]
    public void Encode_InstantOutsideIsoRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _encoder.Encode(Samples.Churn with { EventTime = ActorStreams.Domain.EventTime.MinValue }));
    }
}
