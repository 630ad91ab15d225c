using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Funnel;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

/// <summary>The funnel's records: the repartition records of <see cref="FunnelRecordCodec"/> and the two outputs' encoders.</summary>
[Trait("Category", "Unit")]
public sealed class FunnelCodecTests
{
    private const string Repartition = "actorstreams-repartition-merchant";
    private static readonly EventTime Start = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 5, 17, 0, TimeSpan.Zero));

    private static readonly FunnelEvent Event = new()
    {
        EventId = "ev-1",
        CustomerId = 42,
        Category = "livres & BD",
        ProductId = "p-7",
        Type = CustomerEventType.AddToCart,
        Price = 19.90m,
        Quantity = 2,
        EventTime = Start + TimeSpan.FromTicks(12_345_678),
        SourcePartition = 3,
        SourceOffset = 1_000,
        SourceWatermark = Start - TimeSpan.FromSeconds(10),
    };

    private static readonly FunnelScore Score = new()
    {
        EventId = "ev-2",
        CustomerId = 42,
        EventTime = Start + TimeSpan.FromSeconds(5),
        Score = 0.61f,
        Threshold = 0.42f,
        ModelVersion = "3f2a9c0d1e4b",
        SourcePartition = 3,
        SourceOffset = 1_001,
        SourceWatermark = Start,
    };

    private static readonly FunnelProduct Product = new() { ProductId = "p-1", Views = 3, Purchases = 1, Revenue = 39.80m };

    private static readonly FunnelMetric Metric = new()
    {
        MetricId = "books:2026-11-22T05:17:00.000Z",
        Category = "books",
        WindowStart = Start,
        WindowEnd = Start + TimeSpan.FromMinutes(1),
        Views = 6,
        AddToCarts = 2,
        RemoveFromCarts = 1,
        Purchases = 1,
        Viewers = 3,
        Carters = 2,
        Purchasers = 1,
        Revenue = 39.80m,
        TopProductsByRevenue = [Product],
        TopProductsByConversion = [Product, new FunnelProduct { ProductId = "p-2", Views = 3, Purchases = 0, Revenue = 0m }],
    };

    private readonly FunnelRecordCodec _codec = new();

    [Fact]
    public void Encode_Event_RoundTripsAndConformsToTheRepartitionSchema()
    {
        var json = _codec.Encode(Event);

        Assert.True(FunnelRecordCodec.IsFunnelRecord(json));
        SchemaAssert.Conforms(Repartition, json);
        Assert.True(_codec.TryDecode(json, out var record, out var error), error);
        Assert.Equal((FunnelRecordKind.Event, 3, Event.SourceWatermark), (record.Kind, record.SourcePartition, record.Watermark));
        Assert.Equal(Event, record.Event);
    }

    [Fact]
    public void Encode_Score_RoundTripsTheFloatScoreExactly()
    {
        var json = _codec.Encode(Score);

        SchemaAssert.Conforms(Repartition, json);
        Assert.True(_codec.TryDecode(json, out var record, out var error), error);
        Assert.Equal(FunnelRecordKind.Score, record.Kind);
        Assert.Equal(Score, record.Score);
        Assert.Equal(0.61f, (float)record.Score!.Score);
    }

    [Fact]
    public void EncodeControl_WatermarkAndIdle_RoundTrip()
    {
        Assert.True(_codec.TryDecode(_codec.EncodeWatermark(2, Start), out var watermark, out _));
        Assert.True(_codec.TryDecode(_codec.EncodeIdle(5), out var idle, out _));

        Assert.Equal(new FunnelRecord(FunnelRecordKind.Watermark, null, null, 2, Start), watermark);
        Assert.Equal(new FunnelRecord(FunnelRecordKind.Idle, null, null, 5, default), idle);
        Assert.Equal("""{"type":"funnel_idle","source_partition":5}""", Encoding.UTF8.GetString(_codec.EncodeIdle(5)));
        SchemaAssert.Conforms(Repartition, _codec.EncodeWatermark(2, Start));
    }

    [Fact]
    public void IsFunnelRecord_MerchantRecords_AreNot()
    {
        var merchant = new MerchantRecordCodec();

        Assert.False(FunnelRecordCodec.IsFunnelRecord(merchant.EncodeWatermark(0, Start)));
        Assert.False(FunnelRecordCodec.IsFunnelRecord(merchant.EncodeIdle(0)));
    }

    [Theory]
    [InlineData("""{"type":"funnel_event","event_id":"e","customer_id":1}""", "missing required field \"category\"")]
    [InlineData("""{"type":"funnel_watermark","source_partition":1}""", "missing required field \"watermark\"")]
    [InlineData("""{"type":"funnel_other","source_partition":1}""", "field \"type\" must be one of funnel_event, funnel_score, funnel_watermark, funnel_idle, got \"funnel_other\"")]
    public void TryDecode_Invalid_SaysWhy(string json, string expected)
    {
        Assert.False(_codec.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void FunnelMetricEncoder_Metric_WritesTheExactContractJson()
    {
        var json = new FunnelMetricEncoder().Encode(Metric);

        Assert.Equal(
            """{"metric_id":"books:2026-11-22T05:17:00.000Z","category":"books","window_start":"2026-11-22T05:17:00.000Z","window_end":"2026-11-22T05:18:00.000Z","views":6,"add_to_carts":2,"remove_from_carts":1,"purchases":1,"viewers":3,"carters":2,"purchasers":1,"revenue":39.80,"view_to_cart":0.6666666666666666,"cart_to_purchase":0.5,"view_to_purchase":0.3333333333333333,"top_products_by_revenue":[{"product_id":"p-1","views":3,"purchases":1,"revenue":39.80,"conversion":0.3333333333333333}],"top_products_by_conversion":[{"product_id":"p-1","views":3,"purchases":1,"revenue":39.80,"conversion":0.3333333333333333},{"product_id":"p-2","views":3,"purchases":0,"revenue":0,"conversion":0}]}""",
            Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms("funnel-metrics", json);
        SchemaAssert.HasSchemaFieldOrder("funnel-metrics", json);
    }

    [Fact]
    public void FunnelMetricEncoder_NoViewerNoCarter_WritesNullRatios()
    {
        var metric = Metric with
        {
            MetricId = "toys:2026-11-22T05:17:00.000Z",
            Category = "toys",
            Views = 0,
            AddToCarts = 0,
            Viewers = 0,
            Carters = 0,
            TopProductsByRevenue = [new FunnelProduct { ProductId = "p", Views = 0, Purchases = 1, Revenue = 5m }],
            TopProductsByConversion = [],
        };

        var json = new FunnelMetricEncoder().Encode(metric);
        var text = Encoding.UTF8.GetString(json);

        Assert.Contains("\"view_to_cart\":null,\"cart_to_purchase\":null,\"view_to_purchase\":null,", text, StringComparison.Ordinal);
        Assert.Contains("\"conversion\":null}]", text, StringComparison.Ordinal);
        SchemaAssert.Conforms("funnel-metrics", json);
    }

    [Fact]
    public void ChurnSegmentEncoder_Segment_WritesTheExactContractJson()
    {
        var segment = new ChurnSegmentMetric
        {
            MetricId = "segments:2026-11-22T05:17:00.000Z",
            WindowStart = Start,
            WindowEnd = Start + TimeSpan.FromMinutes(1),
            Scored = 4,
            High = 1,
            Medium = 1,
            Low = 2,
            Threshold = 0.5,
            ModelVersion = "b",
            ModelVersions = ["a", "b"],
        };

        var json = new ChurnSegmentEncoder().Encode(segment);

        Assert.Equal(
            """{"metric_id":"segments:2026-11-22T05:17:00.000Z","window_start":"2026-11-22T05:17:00.000Z","window_end":"2026-11-22T05:18:00.000Z","scored":4,"high":1,"medium":1,"low":2,"threshold":0.5,"model_version":"b","model_versions":["a","b"]}""",
            Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms("churn-segments", json);
        SchemaAssert.HasSchemaFieldOrder("churn-segments", json);
    }
}
