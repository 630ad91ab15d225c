using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Decodes and validates the <c>customer-activity</c> format of docs/design.md §5 with a forward-only
/// <see cref="Utf8JsonReader"/>; <c>activity_type</c> is interned in a bounded pool. Unknown fields are ignored;
/// <c>null</c> counts as absent for the optional <c>offer_id</c> and <c>timestamp</c>. The ids
/// (<c>activity_id</c>, <c>customer_id</c>, <c>offer_id</c>) may be JSON integers or strings of their decimal
/// digits; <c>timestamp</c> an ISO-8601 string (any number of fraction digits, <c>Z</c> or an offset, none
/// meaning UTC) or epoch milliseconds as a JSON integer. Thread-safe.
/// </summary>
public sealed class CustomerActivityDecoder : JsonRecordDecoder<CustomerActivity>
{
    private const int AllRequired = (1 << 5) - 1;

    // Bit i of the "seen" mask is field i; the first five are required.
    private static readonly string[] Names = ["activity_id", "customer_id", "activity_type", "propensity_to_churn", "ip_address", "offer_id", "timestamp"];

    private readonly StringPool _pool = new();

    private enum Field
    {
        ActivityId,
        CustomerId,
        ActivityType,
        PropensityToChurn,
        IpAddress,
        OfferId,
        Timestamp,
        Unknown,
    }

    /// <summary>A shared instance (the decoder is thread-safe).</summary>
    public static CustomerActivityDecoder Shared { get; } = new();

    private protected override bool Parse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out CustomerActivity? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        Span<byte> scratch = stackalloc byte[JsonFieldReader.ScratchLength];
        scoped var reader = JsonFieldReader.CreateReader(value);
        if (!JsonFieldReader.TryReadStartObject(ref reader, out error))
        {
            return false;
        }

        var seen = 0;
        long activityId = 0, customerId = 0;
        long? offerId = null;
        string? activityType = null, ip = null;
        double propensity = 0;
        EventTime? timestamp = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(JsonFieldReader.PropertyName(ref reader, scratch));
            reader.Read();
            error = field switch
            {
                Field.ActivityId => JsonFieldReader.ReadId(ref reader, "activity_id", scratch, out activityId),
                Field.CustomerId => JsonFieldReader.ReadId(ref reader, "customer_id", scratch, out customerId),
                Field.ActivityType => JsonFieldReader.ReadText(ref reader, "activity_type", nonEmpty: false, _pool, out activityType),
                Field.PropensityToChurn => JsonFieldReader.ReadDouble(ref reader, "propensity_to_churn", 0, 1, out propensity),
                Field.IpAddress => JsonFieldReader.ReadText(ref reader, "ip_address", nonEmpty: false, null, out ip),
                Field.OfferId => JsonFieldReader.ReadOptionalId(ref reader, "offer_id", scratch, out offerId),
                Field.Timestamp => JsonFieldReader.ReadOptionalEventTime(ref reader, "timestamp", scratch, out timestamp),
                _ => JsonFieldReader.Skip(ref reader),
            };
            if (error is not null)
            {
                return false;
            }

            seen |= 1 << (int)field;
        }

        JsonFieldReader.ReadToEnd(ref reader);
        if ((seen & AllRequired) != AllRequired)
        {
            error = JsonFieldReader.MissingField(seen, AllRequired, Names);
            return false;
        }

        result = new CustomerActivity
        {
            ActivityId = new ActivityId(activityId),
            CustomerId = new CustomerId(customerId),
            ActivityType = activityType!,
            PropensityToChurn = propensity,
            IpAddress = ip!,
            OfferId = offerId is { } offer ? new OfferId(offer) : null,
            Timestamp = timestamp,
        };
        error = null;
        return true;
    }

    private static Field Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        11 when name.SequenceEqual("activity_id"u8) => Field.ActivityId,
        11 when name.SequenceEqual("customer_id"u8) => Field.CustomerId,
        13 when name.SequenceEqual("activity_type"u8) => Field.ActivityType,
        19 when name.SequenceEqual("propensity_to_churn"u8) => Field.PropensityToChurn,
        10 when name.SequenceEqual("ip_address"u8) => Field.IpAddress,
        8 when name.SequenceEqual("offer_id"u8) => Field.OfferId,
        9 when name.SequenceEqual("timestamp"u8) => Field.Timestamp,
        _ => Field.Unknown,
    };
}
