using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class LoanRecordCodecTests
{
    private const string Topic = "actorstreams-repartition-loans";
    private static readonly EventTime T0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 5, 250, TimeSpan.Zero));
    private readonly LoanRecordCodec _codec = new();

    private static LoanForward Application => new()
    {
        ApplicationId = "la-1",
        CustomerId = new CustomerId(42),
        DeviceId = "dev-ring-3",
        Channel = "partner",
        Product = "mortgage",
        CreditScore = 701,
        Decision = "pending",
        LoanAmount = 250_000.50m,
        ProcessingTimeSeconds = 1265.9m,
        ApplicationDurationSeconds = 12.5m,
        IdentityFailed = true,
        CustomerAlerted = true,
        EventTime = T0 + TimeSpan.FromTicks(1), // sub-millisecond: written losslessly
        SourcePartition = 3,
        SourceOffset = 99,
        SourceWatermark = T0 - TimeSpan.FromSeconds(10),
    };

    [Fact]
    public void Application_RoundTripsExactly_AndConformsToTheSchema()
    {
        var bytes = _codec.EncodeApplication(Application);

        SchemaAssert.Conforms(Topic, bytes);
        Assert.True(LoanRecordCodec.TryDecode(bytes, out var record, out var error), error);
        Assert.Equal(LoanRecordKind.Application, record.Kind);
        Assert.Equal(3, record.SourcePartition);
        Assert.Equal(Application, record.Application);
    }

    [Fact]
    public void Partial_RoundTripsExactly_AndConformsToTheSchema()
    {
        var sums = new LoanAggregate();
        sums.Add(Application, fraudAlerted: true);
        sums.Add(Application with { Decision = "approved", LoanAmount = 0.01m, Product = "auto" }, fraudAlerted: false);
        var bytes = _codec.EncodePartial(new LoanPartial("channel:partner", T0, sums), sourcePartition: 2);

        SchemaAssert.Conforms(Topic, bytes);
        Assert.True(LoanRecordCodec.TryDecode(bytes, out var record, out var error), error);
        Assert.Equal(LoanRecordKind.Partial, record.Kind);
        Assert.Equal(2, record.SourcePartition);
        var partial = record.Partial!;
        Assert.Equal("channel:partner", partial.Key);
        Assert.Equal(T0, partial.WindowStart);
        Assert.Equal(2, partial.Aggregate.Applications);
        Assert.Equal(1, partial.Aggregate.Approved);
        Assert.Equal(1, partial.Aggregate.Pending);
        Assert.Equal(250_000.51m, partial.Aggregate.LoanAmount);
        Assert.Equal(1, partial.Aggregate.FraudAlerted);
        Assert.Equal([0L, 1, 1, 0, 0], partial.Aggregate.Products);
    }

    [Theory]
    [InlineData(false, LoanRecordKind.Watermark, LoanRecordKind.Idle)]
    [InlineData(true, LoanRecordKind.PartialWatermark, LoanRecordKind.PartialIdle)]
    public void Controls_RoundTrip(bool partial, LoanRecordKind watermarkKind, LoanRecordKind idleKind)
    {
        var watermark = _codec.EncodeWatermark(5, T0, partial);
        var idle = _codec.EncodeIdle(5, partial);

        SchemaAssert.Conforms(Topic, watermark);
        SchemaAssert.Conforms(Topic, idle);
        Assert.True(LoanRecordCodec.TryDecode(watermark, out var decoded, out _));
        Assert.Equal((watermarkKind, 5, T0), (decoded.Kind, decoded.SourcePartition, decoded.Watermark));
        Assert.True(LoanRecordCodec.TryDecode(idle, out decoded, out _));
        Assert.Equal((idleKind, 5), (decoded.Kind, decoded.SourcePartition));
    }

    [Theory]
    [InlineData("""{"type":"tx","source_partition":1}""", "field \"type\" must be")]
    [InlineData("""{"type":"idle","source_partition":-1}""", "must be >= 0")]
    [InlineData("""{"type":"watermark","source_partition":1}""", "missing field \"watermark\"")]
    [InlineData("""{"type":"partial","source_partition":1,"key":"device:x"}""", "must start with channel: or segment:")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"type":""", "not valid JSON")]
    public void Invalid_IsRejectedWithTheReason(string json, string reason)
    {
        Assert.False(LoanRecordCodec.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
