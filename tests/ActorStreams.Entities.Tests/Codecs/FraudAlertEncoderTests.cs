using System.Buffers;
using System.Text;
using ActorStreams.Domain.Fraud;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class FraudAlertEncoderTests
{
    private const string Topic = "fraud-alerts";
    private readonly FraudAlertEncoder _encoder = new();

    public static TheoryData<string, FraudAlertDetails, string> DetailsByRule => new()
    {
        { FraudRules.HighAmount, new FraudAlertDetails { Threshold = 2000.00m }, """{"threshold":2000.00}""" },
        { FraudRules.RapidFire, new FraudAlertDetails { Count = 3, MinCount = 3, WindowSeconds = 5 }, """{"count":3,"min_count":3,"window_seconds":5}""" },
        {
            FraudRules.Velocity, new FraudAlertDetails { Threshold = 1000.00m, Count = 4, Sum = 1000.1m, WindowSeconds = 60 },
            """{"threshold":1000.00,"count":4,"sum":1000.1,"window_seconds":60}"""
        },
        {
            FraudRules.ImpossibleTravel,
            new FraudAlertDetails { DistanceKm = 5837.2345678901234, SpeedKmh = 350234.07, ElapsedSeconds = 60, PreviousLatitude = 48.85, PreviousLongitude = -2.35 },
            """{"distance_km":5837.234567890124,"speed_kmh":350234.07,"elapsed_seconds":60,"previous_latitude":48.85,"previous_longitude":-2.35}"""
        },
        {
            FraudRules.NewDevice, new FraudAlertDetails { Threshold = 500.00m, KnownDeviceCount = 10, Late = true },
            """{"threshold":500.00,"known_device_count":10,"late":true}"""
        },
        { FraudRules.HighAmount, new FraudAlertDetails(), "{}" },
    };

    [Fact]
    public void Encode_HighAmount_WritesTheExactContractJson()
    {
        var json = _encoder.Encode(Samples.HighAmountLocated);

        Assert.Equal(Samples.HighAmountLocatedJson, Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
        SchemaAssert.HasSchemaFieldOrder(Topic, json);
    }

    [Fact]
    public void Encode_TransactionWithoutCoordinates_WritesNoLocation()
    {
        var json = _encoder.Encode(Samples.HighAmount);

        Assert.Equal(Samples.HighAmountJson, Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms(Topic, json);
    }

    [Theory]
    [MemberData(nameof(DetailsByRule))]
    public void Encode_DetailsOfEachRule_HoldOnlyTheSetFiguresInOrder(string rule, FraudAlertDetails details, string expected)
    {
        var json = _encoder.Encode(Samples.HighAmount with { Rule = rule, AlertId = "t-1:" + rule, Details = details });

        var text = Encoding.UTF8.GetString(json);
        Assert.EndsWith($",\"details\":{expected}}}", text, StringComparison.Ordinal);
        SchemaAssert.Conforms(Topic, json);
    }

    [Theory]
    [InlineData("2000.00", "2000.00")]
    [InlineData("1000.1", "1000.1")]
    [InlineData("0.01", "0.01")]
    [InlineData("12345678901234.5678", "12345678901234.5678")]
    public void Encode_Amount_KeepsItsDecimalScale(string amount, string expected)
    {
        var alert = Samples.HighAmount with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) };

        var text = Encoding.UTF8.GetString(_encoder.Encode(alert));

        Assert.Contains($"\"amount\":{expected},", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_SubMillisecondInstants_AreWrittenToTheMillisecond()
    {
        var alert = Samples.HighAmount with { DetectedAt = Samples.Time("2026-11-22T05:17:30.0019999Z") };

        var text = Encoding.UTF8.GetString(_encoder.Encode(alert));

        Assert.Contains("\"detected_at\":\"2026-11-22T05:17:30.001Z\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_IntoABufferWriter_AppendsTheSameBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("prefix"u8);

        _encoder.Encode(Samples.HighAmount, buffer);
        _encoder.Encode(Samples.HighAmount, buffer);

        Assert.Equal("prefix" + Samples.HighAmountJson + Samples.HighAmountJson, Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(Samples.HighAmountJson, Encoding.UTF8.GetString(_encoder.Encode(Samples.HighAmount)));
    }

    [Fact]
    public void Encode_ReusedInstance_GivesIndependentArrays()
    {
        var first = _encoder.Encode(Samples.HighAmount);
        var second = _encoder.Encode(Samples.HighAmount with { CustomerId = 7 });

        Assert.Equal(Samples.HighAmountJson, Encoding.UTF8.GetString(first));
        Assert.Contains("\"customer_id\":7,", Encoding.UTF8.GetString(second), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_NaNFigure_Throws()
    {
        var alert = Samples.HighAmount with { Details = new FraudAlertDetails { SpeedKmh = double.NaN } };

        Assert.ThrowsAny<ArgumentException>(() => _encoder.Encode(alert));
        Assert.Equal(Samples.HighAmountJson, Encoding.UTF8.GetString(_encoder.Encode(Samples.HighAmount)));
    }
}
