using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Decodes and validates the <c>customer-offers</c> format of docs/design.md §5 (every field required) with a
/// forward-only <see cref="Utf8JsonReader"/>. Unknown fields are ignored. <c>offer_id</c> may be a JSON integer
/// or a string of its decimal digits. A tombstone (no value) is the caller's to handle: here it is
/// <c>value is empty</c>. Thread-safe.
/// </summary>
public sealed class CustomerOfferDecoder : JsonRecordDecoder<CustomerOffer>
{
    private const int AllRequired = (1 << 3) - 1;

    // Bit i of the "seen" mask is field i.
    private static readonly string[] Names = ["offer_id", "offer_name", "offer_url"];

    private enum Field
    {
        OfferId,
        OfferName,
        OfferUrl,
        Unknown,
    }

    /// <summary>A shared instance (the decoder is thread-safe).</summary>
    public static CustomerOfferDecoder Shared { get; } = new();

    private protected override bool Parse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out CustomerOffer? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        Span<byte> scratch = stackalloc byte[JsonFieldReader.ScratchLength];
        scoped var reader = JsonFieldReader.CreateReader(value);
        if (!JsonFieldReader.TryReadStartObject(ref reader, out error))
        {
            return false;
        }

        var seen = 0;
        long offerId = 0;
        string? name = null, url = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(JsonFieldReader.PropertyName(ref reader, scratch));
            reader.Read();
            error = field switch
            {
                Field.OfferId => JsonFieldReader.ReadId(ref reader, "offer_id", scratch, out offerId),
                Field.OfferName => JsonFieldReader.ReadText(ref reader, "offer_name", nonEmpty: false, null, out name),
                Field.OfferUrl => JsonFieldReader.ReadText(ref reader, "offer_url", nonEmpty: false, null, out url),
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

        result = new CustomerOffer { OfferId = new OfferId(offerId), OfferName = name!, OfferUrl = url! };
        error = null;
        return true;
    }

    private static Field Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        8 when name.SequenceEqual("offer_id"u8) => Field.OfferId,
        10 when name.SequenceEqual("offer_name"u8) => Field.OfferName,
        9 when name.SequenceEqual("offer_url"u8) => Field.OfferUrl,
        _ => Field.Unknown,
    };
}
