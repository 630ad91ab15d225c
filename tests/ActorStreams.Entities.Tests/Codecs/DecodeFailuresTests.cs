using System.Text;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

/// <summary>
/// The class a refused value gets on the dead-letter metric: <c>not_json</c> unless it is one well-formed JSON object,
/// <c>invalid_field</c> then; checked on values the decoders do refuse.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DecodeFailuresTests
{
    public static TheoryData<string, DeadLetterCause> RefusedTransactions => new()
    {
        { "", DeadLetterCause.NotJson },
        { "not json", DeadLetterCause.NotJson },
        { """{"transaction_id":"t-1","amount":NaN}""", DeadLetterCause.NotJson },
        { """{"transaction_id":"t-1",""", DeadLetterCause.NotJson },
        { "[1,2]", DeadLetterCause.NotJson },
        { "\"a string\"", DeadLetterCause.NotJson },
        { TransactionJson.Valid(1) + " {}", DeadLetterCause.NotJson },
        { "{}", DeadLetterCause.InvalidField },
        { TransactionJson.Valid(1).Replace("\"amount\":120.5", "\"amount\":\"abc\"", StringComparison.Ordinal), DeadLetterCause.InvalidField },
        { TransactionJson.Valid(1).Replace("\"amount\":120.5", "\"amount\":-1", StringComparison.Ordinal), DeadLetterCause.InvalidField },
        { TransactionJson.Valid(1).Replace(",\"currency\":\"EUR\"", string.Empty, StringComparison.Ordinal), DeadLetterCause.InvalidField },
        { TransactionJson.Valid(1).Replace("2026-11-22T05:17:29.123Z", "yesterday", StringComparison.Ordinal), DeadLetterCause.InvalidField },
    };

    [Theory]
    [MemberData(nameof(RefusedTransactions))]
    public void Classify_ValueTheDecoderRefuses_IsNotJsonUnlessItIsAWellFormedObject(string value, DeadLetterCause expected)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Assert.False(TransactionDecoder.Shared.TryDecode(bytes, out _, out _));

        Assert.Equal(expected, DecodeFailures.Classify(bytes));
    }

    [Fact]
    public void Classify_NoValueOrInvalidUtf8_IsNotJson()
    {
        Assert.Equal(DeadLetterCause.NotJson, DecodeFailures.Classify(null));
        Assert.Equal(DeadLetterCause.NotJson, DecodeFailures.Classify(new byte[] { 0x7b, 0xff, 0x7d }));
    }
}
