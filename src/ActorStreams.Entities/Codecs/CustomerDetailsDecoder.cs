using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Decodes and validates the <c>customer-details</c> format of docs/design.md §5 (every field required) with a
/// forward-only <see cref="Utf8JsonReader"/>; <c>gender</c> is interned in a bounded pool. Unknown fields are
/// ignored. <c>customer_id</c> may be a JSON integer or a string of its decimal digits; <c>income</c>,
/// <c>fico</c> and <c>years_active</c> are JSON integers. A tombstone (no value) is the caller's to handle:
/// here it is <c>value is empty</c>. Thread-safe.
/// </summary>
public sealed class CustomerDetailsDecoder : JsonRecordDecoder<CustomerDetails>
{
    private const int AllRequired = (1 << 8) - 1;

    // Bit i of the "seen" mask is field i.
    private static readonly string[] Names = ["customer_id", "first_name", "last_name", "email", "gender", "income", "fico", "years_active"];

    private readonly StringPool _pool = new();

    private enum Field
    {
        CustomerId,
        FirstName,
        LastName,
        Email,
        Gender,
        Income,
        Fico,
        YearsActive,
        Unknown,
    }

    /// <summary>A shared instance (the decoder is thread-safe).</summary>
    public static CustomerDetailsDecoder Shared { get; } = new();

    private protected override bool Parse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out CustomerDetails? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        Span<byte> scratch = stackalloc byte[JsonFieldReader.ScratchLength];
        scoped var reader = JsonFieldReader.CreateReader(value);
        if (!JsonFieldReader.TryReadStartObject(ref reader, out error))
        {
            return false;
        }

        var seen = 0;
        long customerId = 0, income = 0;
        int fico = 0, yearsActive = 0;
        string? firstName = null, lastName = null, email = null, gender = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(JsonFieldReader.PropertyName(ref reader, scratch));
            reader.Read();
            error = field switch
            {
                Field.CustomerId => JsonFieldReader.ReadId(ref reader, "customer_id", scratch, out customerId),
                Field.FirstName => JsonFieldReader.ReadText(ref reader, "first_name", nonEmpty: false, null, out firstName),
                Field.LastName => JsonFieldReader.ReadText(ref reader, "last_name", nonEmpty: false, null, out lastName),
                Field.Email => JsonFieldReader.ReadText(ref reader, "email", nonEmpty: false, null, out email),
                Field.Gender => JsonFieldReader.ReadText(ref reader, "gender", nonEmpty: false, _pool, out gender),
                Field.Income => JsonFieldReader.ReadInt64(ref reader, "income", long.MinValue, out income),
                Field.Fico => JsonFieldReader.ReadInt32(ref reader, "fico", int.MinValue, out fico),
                Field.YearsActive => JsonFieldReader.ReadInt32(ref reader, "years_active", int.MinValue, out yearsActive),
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

        result = new CustomerDetails
        {
            CustomerId = new CustomerId(customerId),
            FirstName = firstName!,
            LastName = lastName!,
            Email = email!,
            Gender = gender!,
            Income = income,
            Fico = fico,
            YearsActive = yearsActive,
        };
        error = null;
        return true;
    }

    private static Field Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        11 when name.SequenceEqual("customer_id"u8) => Field.CustomerId,
        10 when name.SequenceEqual("first_name"u8) => Field.FirstName,
        9 when name.SequenceEqual("last_name"u8) => Field.LastName,
        5 when name.SequenceEqual("email"u8) => Field.Email,
        6 when name.SequenceEqual("gender"u8) => Field.Gender,
        6 when name.SequenceEqual("income"u8) => Field.Income,
        4 when name.SequenceEqual("fico"u8) => Field.Fico,
        12 when name.SequenceEqual("years_active"u8) => Field.YearsActive,
        _ => Field.Unknown,
    };
}
