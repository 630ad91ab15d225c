using System.Buffers.Text;
using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Kafka keys of docs/design.md §5 as UTF-8 bytes: the decimal form of a numeric key field (<c>customer_id</c>,
/// <c>activity_id</c>, <c>offer_id</c>), the string itself for <c>merchant_id</c>. These are the bytes the murmur2
/// partitioner hashes, so producers and the <c>misrouted_records</c> check must agree on them exactly.
/// </summary>
public static class RecordKeys
{
    /// <summary>
    /// Parses a customer-keyed record's key: the canonical decimal text of a <see cref="long"/> (optional <c>-</c>,
    /// ASCII digits). False for anything else: empty, <c>+</c>, spaces, other characters, overflow.
    /// </summary>
    public static bool TryParseCustomerId(ReadOnlySpan<byte> key, out CustomerId customerId)
    {
        var ok = DecimalInt64.TryParse(key, out var value);
        customerId = new CustomerId(value);
        return ok;
    }

    /// <summary>Parses a decimal key such as an <c>offer_id</c>; the rules of <see cref="TryParseCustomerId"/>.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> key, out long value) => DecimalInt64.TryParse(key, out value);

    /// <summary>The key of a customer-keyed topic (inputs, <c>fraud-alerts</c>, <c>churn-alerts</c>): <c>customer_id</c> in decimal.</summary>
    public static byte[] Customer(CustomerId customerId) => Decimal(customerId.Value);

    /// <summary>The key of <c>enriched-activity</c>: <c>activity_id</c> in decimal.</summary>
    public static byte[] Activity(ActivityId activityId) => Decimal(activityId.Value);

    /// <summary>The key of <c>customer-offers</c>: <c>offer_id</c> in decimal.</summary>
    public static byte[] Offer(OfferId offerId) => Decimal(offerId.Value);

    /// <summary>The key of the merchant repartition topic and of <c>merchant-metrics</c>: <c>merchant_id</c> as UTF-8.</summary>
    /// <exception cref="ArgumentException">The id is null or empty.</exception>
    public static byte[] Merchant(MerchantId merchantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(merchantId.Value, nameof(merchantId));
        return Encoding.UTF8.GetBytes(merchantId.Value);
    }

    /// <summary>
    /// True when <paramref name="key"/> is exactly <paramref name="merchantId"/> as UTF-8: checks a repartition
    /// record's key against its <c>merchant_id</c> without decoding the key into a string.
    /// </summary>
    public static bool IsMerchantKey(ReadOnlySpan<byte> key, MerchantId merchantId) =>
        !string.IsNullOrEmpty(merchantId.Value) && IsTextKey(key, merchantId.Value);

    /// <summary>True when <paramref name="key"/> is exactly <paramref name="text"/> as UTF-8 (allocation-free for ASCII text).</summary>
    public static bool IsTextKey(ReadOnlySpan<byte> key, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return Ascii.Equals(key, text);
        }

        var length = Encoding.UTF8.GetByteCount(text);
        return length == key.Length && Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(key);
    }

    /// <summary>The key of a <c>fraud-alerts</c> record: its <c>customer_id</c>.</summary>
    public static byte[] For(FraudAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Decimal(alert.CustomerId);
    }

    /// <summary>The key of a <c>churn-alerts</c> record: its <c>customer_id</c>.</summary>
    public static byte[] For(ChurnAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Decimal(alert.CustomerId);
    }

    /// <summary>The key of an <c>enriched-activity</c> record: its <c>activity_id</c>.</summary>
    public static byte[] For(EnrichedActivity record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Decimal(record.ActivityId);
    }

    /// <summary>The key of a <c>merchant-metrics</c> record: its <c>merchant_id</c>.</summary>
    public static byte[] For(MerchantMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Merchant(new MerchantId(metric.MerchantId));
    }

    /// <summary>The key of a repartition data record: its <c>merchant_id</c> (control records have no key).</summary>
    public static byte[] For(MerchantTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return Merchant(transaction.MerchantId);
    }

    private static byte[] Decimal(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        return digits[..length].ToArray();
    }
}
