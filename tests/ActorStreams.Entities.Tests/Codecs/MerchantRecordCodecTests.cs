using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class MerchantRecordCodecTests
{
    private const string Topic = "actorstreams-repartition-merchant";
    private readonly MerchantRecordCodec _codec = new();

    [Fact]
    public void Encode_Transaction_WritesTheExactFormat()
    {
        var json = _codec.Encode(Samples.Forwarded);

        Assert.Equal(Samples.ForwardedJson, Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
    }

    [Fact]
    public void Encode_Watermark_WritesTheExactFormatWithoutLosingTicks()
    {
        var json = _codec.EncodeWatermark(3, Samples.Time("2026-11-22T05:17:19.1234567Z"));

        Assert.Equal("""{"type":"watermark","source_partition":3,"watermark":"2026-11-22T05:17:19.1234567Z"}""", Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
    }

    [Fact]
    public void Encode_Idle_WritesTheExactFormat()
    {
        var json = _codec.EncodeIdle(5);

        Assert.Equal("""{"type":"idle","source_partition":5}""", Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
    }

    [Fact]
    public void RoundTrip_Transaction_GivesAnEqualRecord()
    {
        var original = Samples.Forwarded with { EventTime = new EventTime(Samples.Forwarded.EventTime.Ticks + 4321), Amount = 2000.00m };

        Assert.True(_codec.TryDecode(_codec.Encode(original), out var record, out var error), error);

        Assert.True(record.IsTransaction);
        Assert.Equal(MerchantRecordKind.Transaction, record.Kind);
        Assert.Equal(original, record.Transaction);
        Assert.Equal("2000.00", record.Transaction.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, record.SourcePartition);
        Assert.Equal(original.SourceWatermark, record.Watermark);
    }

    [Fact]
    public void RoundTrip_ControlRecords_GiveEqualRecords()
    {
        var watermark = MerchantRecord.WatermarkOf(7, Samples.Time("2026-11-22T05:17:19.1234567Z"));
        var idle = MerchantRecord.IdleOf(0);

        Assert.True(_codec.TryDecode(_codec.Encode(watermark), out var decodedWatermark, out var error), error);
        Assert.True(_codec.TryDecode(_codec.Encode(idle), out var decodedIdle, out error), error);

        Assert.Equal(watermark, decodedWatermark);
        Assert.Equal(idle, decodedIdle);
        Assert.False(decodedIdle.IsTransaction);
        Assert.Null(decodedWatermark.Transaction);
    }

    [Fact]
    public void EncodeControl_Signals_GiveTheirControlRecords()
    {
        var time = Samples.Time("2026-11-22T05:17:19.000Z");

        Assert.Equal(_codec.EncodeWatermark(2, time), _codec.EncodeControl(2, new WatermarkSignal(WatermarkSignalKind.Watermark, time)));
        Assert.Equal(_codec.EncodeIdle(2), _codec.EncodeControl(2, WatermarkSignal.Idle));
        Assert.Throws<ArgumentException>(() => _codec.EncodeControl(2, WatermarkSignal.None));
        Assert.Throws<ArgumentException>(() => _codec.Encode(default(MerchantRecord)));
    }

    [Fact]
    public void TryDecode_FieldsInAnyOrderAndUnknownFields_AreAccepted()
    {
        const string Json = """{"source_partition":4,"extra":[1,2],"watermark":"2026-11-22T05:17:19Z","type":"watermark"}""";

        Assert.True(_codec.TryDecode(Encoding.UTF8.GetBytes(Json), out var record, out var error), error);

        Assert.Equal(MerchantRecord.WatermarkOf(4, Samples.Time("2026-11-22T05:17:19Z")), record);
    }

    [Theory]
    [InlineData("""{"source_partition":4}""", "missing required field \"type\"")]
    [InlineData("""{"type":"flush","source_partition":4}""", "field \"type\" must be \"tx\", \"watermark\" or \"idle\", got \"flush\"")]
    [InlineData("""{"type":1,"source_partition":4}""", "field \"type\" must be \"tx\", \"watermark\" or \"idle\", got 1")]
    [InlineData("""{"type":"watermark","source_partition":4}""", "missing required field \"watermark\"")]
    [InlineData("""{"type":"idle"}""", "missing required field \"source_partition\"")]
    [InlineData("""{"type":"idle","source_partition":-1}""", "field \"source_partition\" must be a 32-bit integer >= 0, got -1")]
    [InlineData("""{"type":"watermark","source_partition":1,"watermark":"soon"}""", "field \"watermark\" must be an ISO-8601 timestamp or epoch milliseconds, got \"soon\"")]
    [InlineData("""{"type":"tx","source_partition":1}""", "missing required field \"transaction_id\"")]
    public void TryDecode_InvalidControlRecord_ExplainsWhy(string json, string expected)
    {
        Assert.False(_codec.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));

        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(",\"source_offset\":1234", "", "missing required field \"source_offset\"")]
    [InlineData(",\"source_watermark\":\"2026-11-22T05:17:19.123Z\"", "", "missing required field \"source_watermark\"")]
    [InlineData("\"source_offset\":1234", "\"source_offset\":-5", "field \"source_offset\" must be an integer >= 0, got -5")]
    [InlineData("\"fraud_alerted\":true", "\"fraud_alerted\":1", "field \"fraud_alerted\" must be a boolean, got 1")]
    [InlineData("\"is_fraud\":false", "\"is_fraud\":null", "field \"is_fraud\" must be a boolean, got null")]
    [InlineData("\"amount\":120.50", "\"amount\":0", "field \"amount\" must be a number > 0 and at most 1e12, got 0")]
    public void TryDecode_InvalidTransaction_ExplainsWhy(string field, string replacement, string expected)
    {
        var json = Samples.ForwardedJson.Replace(field, replacement, StringComparison.Ordinal);

        Assert.False(_codec.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryDecode_NotJson_SaysSo()
    {
        Assert.False(_codec.TryDecode("{\"type\":"u8, out _, out var error));

        Assert.StartsWith("value is not valid JSON: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_OfTransaction_IsTheMerchantId()
    {
        Assert.Equal("m-grocery-007"u8.ToArray(), RecordKeys.For(Samples.Forwarded));
    }
}
