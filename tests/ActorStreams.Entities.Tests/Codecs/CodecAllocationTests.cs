using System.Text;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

/// <summary>
/// The hot-path budget, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> over 10,000 calls after a
/// warm-up (so the JIT and the intern pools are settled). A decode may allocate the result object and its
/// unique strings only: a <c>CustomerActivity</c> is 88 bytes plus its ip_address string (40 bytes here), so
/// the bound of 160 bytes per record leaves room for nothing else. An encode may allocate the returned array only.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CodecAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Decode_SameActivity_AllocatesOnlyTheRecordAndItsIpAddress()
    {
        var decoder = new CustomerActivityDecoder();
        var value = Encoding.UTF8.GetBytes(CustomerActivityDecoderTests.Valid);

        var perRecord = BytesPerCall(() => Assert.True(decoder.TryDecode(value, out _, out _)));

        Assert.True(perRecord <= 160, $"{perRecord} bytes per decode");
    }

    [Fact]
    public void Decode_SameTransaction_AllocatesOnlyTheRecordAndItsUniqueStrings()
    {
        var decoder = new TransactionDecoder();
        var value = Encoding.UTF8.GetBytes(TransactionJson.Valid(7));

        // Transaction (168 bytes) + transaction_id, device_id, ip_address strings (32 + 32 + 40).
        var perRecord = BytesPerCall(() => Assert.True(decoder.TryDecode(value, out _, out _)));

        Assert.True(perRecord <= 290, $"{perRecord} bytes per decode");
    }

    [Fact]
    public void Decode_WatermarkControlRecord_AllocatesNothing()
    {
        var codec = new MerchantRecordCodec();
        var value = codec.EncodeWatermark(3, Samples.Time("2026-11-22T05:17:19.123Z"));

        var perRecord = BytesPerCall(() => Assert.True(codec.TryDecode(value, out _, out _)));

        Assert.Equal(0, perRecord);
    }

    [Fact]
    public void Encode_EveryOutput_AllocatesOnlyTheReturnedArray()
    {
        AssertOnlyTheArray(new FraudAlertEncoder().Encode, Samples.HighAmount);
        AssertOnlyTheArray(new ChurnAlertEncoder().Encode, Samples.Churn);
        AssertOnlyTheArray(new EnrichedActivityEncoder().Encode, Samples.Enriched);
        AssertOnlyTheArray(new MerchantMetricEncoder().Encode, Samples.Metric);
        AssertOnlyTheArray(new MerchantRecordCodec().Encode, Samples.Forwarded);
    }

    private static void AssertOnlyTheArray<T>(Func<T, byte[]> encode, T record)
    {
        var length = encode(record).Length;

        var perRecord = BytesPerCall(() => encode(record));

        // A byte[] costs its length rounded up to 8 plus a 24-byte header.
        Assert.True(perRecord <= ((length + 7) & ~7) + 24, $"{typeof(T).Name}: {perRecord} bytes per encode of {length} bytes");
    }

    private static long BytesPerCall(Action action)
    {
        for (var i = 0; i < 1_000; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            action();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
    }
}
