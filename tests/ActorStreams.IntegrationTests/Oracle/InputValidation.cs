using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.IntegrationTests.Support;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// The oracle's own reading of the docs/design.md §5 input formats with <see cref="JsonDocument"/> (no product decoder): a
/// record is valid when it is a UTF-8 JSON object with every required field of the right JSON type, amounts in
/// (0, 10¹²], propensities in [0, 1], event times from 1970 to 365 days after the record's Kafka timestamp, and (for
/// customer-keyed topics) a decimal key equal to its <c>customer_id</c>. Anything else is a dead letter. Optional fields
/// may be absent or null.
/// </summary>
public static class InputValidation
{
    /// <summary>The largest valid amount (§5).</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>How far an event time may be after its record's Kafka timestamp (the default of §5).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    /// <summary>The problem with an input record's event time, or null: before 1970, or too far after its Kafka timestamp.</summary>
    public static string? EventTimeProblem(TopicRecord record, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (time < DateTimeOffset.UnixEpoch)
        {
            return "timestamp must not be before 1970";
        }

        return record.TimestampMs > 0 && time - DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampMs) > MaxAhead
            ? "timestamp must not be more than 365 days after the record's Kafka timestamp"
            : null;
    }

    /// <summary>Parses an ISO-8601 instant (UTC unless it carries an offset).</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>Reads a transaction, or says why it is invalid.</summary>
    public static bool TryTransaction(TopicRecord record, [NotNullWhen(true)] out Transaction? transaction, [NotNullWhen(false)] out string? reason)
    {
        transaction = null;
        if (!TryObject(record, out var o, out reason))
        {
            return false;
        }

        var r = new Reader(o);
        var id = r.String("transaction_id", nonEmpty: true);
        var customer = r.Long("customer_id");
        var merchant = r.String("merchant_id", nonEmpty: true);
        var category = r.String("merchant_category");
        var amount = r.Decimal("amount");
        var currency = r.String("currency");
        var method = r.String("payment_method");
        var device = r.String("device_id");
        var ip = r.String("ip_address");
        var time = r.Instant("timestamp");
        var lat = r.OptionalDouble("latitude");
        var lon = r.OptionalDouble("longitude");
        var country = r.OptionalString("country");
        var city = r.OptionalString("city");
        var isFraud = r.OptionalBool("is_fraud");
        if (amount is <= 0 or > MaxAmount)
        {
            r.Problem("amount must be > 0 and at most 1e12");
        }

        if (time is { } eventTime && EventTimeProblem(record, eventTime) is { } timeProblem)
        {
            r.Problem(timeProblem);
        }

        if (!r.Ok(out reason) || !KeyMatches(record, customer!.Value, out reason))
        {
            return false;
        }

        transaction = new Transaction
        {
            TransactionId = new TransactionId(id!),
            CustomerId = new CustomerId(customer.Value),
            MerchantId = new MerchantId(merchant!),
            MerchantCategory = category!,
            Amount = amount!.Value,
            Currency = currency!,
            PaymentMethod = method!,
            DeviceId = device!,
            IpAddress = ip!,
            Latitude = lat,
            Longitude = lon,
            Country = country,
            City = city,
            Timestamp = EventTime.FromDateTimeOffset(time!.Value),
            IsFraud = isFraud,
        };
        return true;
    }

    /// <summary>Reads an activity, or says why it is invalid.</summary>
    public static bool TryActivity(TopicRecord record, [NotNullWhen(true)] out CustomerActivity? activity, [NotNullWhen(false)] out string? reason)
    {
        activity = null;
        if (!TryObject(record, out var o, out reason))
        {
            return false;
        }

        var r = new Reader(o);
        var id = r.Long("activity_id");
        var customer = r.Long("customer_id");
        var type = r.String("activity_type");
        var p = r.Double("propensity_to_churn");
        var ip = r.String("ip_address");
        var offer = r.OptionalLong("offer_id");
        var time = r.OptionalInstant("timestamp");
        if (p is < 0 or > 1)
        {
            r.Problem("propensity_to_churn must be in [0, 1]");
        }

        if (time is { } eventTime && EventTimeProblem(record, eventTime) is { } timeProblem)
        {
            r.Problem(timeProblem);
        }

        if (!r.Ok(out reason) || !KeyMatches(record, customer!.Value, out reason))
        {
            return false;
        }

        activity = new CustomerActivity
        {
            ActivityId = new ActivityId(id!.Value),
            CustomerId = new CustomerId(customer.Value),
            ActivityType = type!,
            PropensityToChurn = p!.Value,
            IpAddress = ip!,
            OfferId = offer is { } o2 ? new OfferId(o2) : null,
            Timestamp = time is { } t ? EventTime.FromDateTimeOffset(t) : null,
        };
        return true;
    }

    /// <summary>Reads customer details (null for a tombstone), or says why the record is invalid.</summary>
    public static bool TryDetails(TopicRecord record, out DetailsRow? details, [NotNullWhen(false)] out string? reason)
    {
        details = null;
        if (record.Value is null)
        {
            return TryKey(record, out _, out reason);
        }

        if (!TryObject(record, out var o, out reason))
        {
            return false;
        }

        var r = new Reader(o);
        var customer = r.Long("customer_id");
        var first = r.String("first_name");
        var last = r.String("last_name");
        var email = r.String("email");
        var gender = r.String("gender");
        var income = r.Long("income");
        var fico = r.Long("fico");
        var years = r.Long("years_active");
        if (!r.Ok(out reason) || !KeyMatches(record, customer!.Value, out reason))
        {
            return false;
        }

        details = new DetailsRow(customer.Value, first!, last!, email!, gender!, income!.Value, fico!.Value, years!.Value);
        return true;
    }

    /// <summary>Reads an offer (null for a tombstone, keyed by the record key), or says why the record is invalid.</summary>
    public static bool TryOffer(TopicRecord record, out OfferRow? offer, [NotNullWhen(false)] out string? reason)
    {
        offer = null;
        if (record.Value is null)
        {
            return TryKey(record, out _, out reason);
        }

        if (!TryObject(record, out var o, out reason))
        {
            return false;
        }

        var r = new Reader(o);
        var id = r.Long("offer_id");
        var name = r.String("offer_name");
        var url = r.String("offer_url");
        if (!r.Ok(out reason))
        {
            return false;
        }

        offer = new OfferRow(id!.Value, name!, url!);
        return true;
    }

    /// <summary>The decimal key of a record.</summary>
    public static bool TryKey(TopicRecord record, out long key, [NotNullWhen(false)] out string? reason)
    {
        key = 0;
        if (record.KeyText is not { } text)
        {
            reason = "no key";
            return false;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out key))
        {
            reason = $"key \"{text}\" is not a decimal id";
            return false;
        }

        reason = null;
        return true;
    }

    private static bool KeyMatches(TopicRecord record, long customer, [NotNullWhen(false)] out string? reason)
    {
        if (!TryKey(record, out var key, out reason))
        {
            return false;
        }

        if (key != customer)
        {
            reason = $"key {key} differs from customer_id {customer}";
            return false;
        }

        return true;
    }

    private static bool TryObject(TopicRecord record, out JsonElement json, [NotNullWhen(false)] out string? reason)
    {
        json = default;
        if (record.Value is not { } value)
        {
            reason = "tombstone where a record is expected";
            return false;
        }

        if (!Utf8.IsValid(value))
        {
            reason = "not UTF-8";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                reason = $"not a JSON object: {Encoding.UTF8.GetString(value)}";
                return false;
            }

            json = document.RootElement.Clone();
            reason = null;
            return true;
        }
        catch (JsonException ex)
        {
            reason = $"not JSON: {ex.Message}";
            return false;
        }
    }

    /// <summary>Typed field reads that collect every problem.</summary>
    private sealed class Reader(JsonElement json)
    {
        private readonly List<string> _problems = [];

        public void Problem(string problem) => _problems.Add(problem);

        public bool Ok([NotNullWhen(false)] out string? reason)
        {
            reason = _problems.Count == 0 ? null : string.Join("; ", _problems);
            return reason is null;
        }

        public string? String(string name, bool nonEmpty = false)
        {
            if (!json.TryGetProperty(name, out var value))
            {
                _problems.Add($"missing {name}");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || (nonEmpty && value.GetString()!.Length == 0))
            {
                _problems.Add($"{name} must be a{(nonEmpty ? " non-empty" : string.Empty)} string");
                return null;
            }

            return value.GetString();
        }

        public string? OptionalString(string name) => Optional(name, JsonValueKind.String, v => v.GetString());

        public long? Long(string name) => Required(name, v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var x) ? (long?)x : null, "an integer");

        public long? OptionalLong(string name) => Optional(name, JsonValueKind.Number, v => v.TryGetInt64(out var x) ? x : (long?)null);

        public decimal? Decimal(string name) => Required(name, v => v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var x) ? (decimal?)x : null, "a number");

        public double? Double(string name) => Required(name, v => v.ValueKind == JsonValueKind.Number ? (double?)v.GetDouble() : null, "a number");

        public double? OptionalDouble(string name) => Optional(name, JsonValueKind.Number, v => (double?)v.GetDouble());

        public bool? OptionalBool(string name)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            _problems.Add($"{name} has the wrong type");
            return null;
        }

        public DateTimeOffset? Instant(string name) => Required(name, v => v.ValueKind == JsonValueKind.String && TryParseInstant(v.GetString()!, out var t) ? (DateTimeOffset?)t : null, "an ISO-8601 timestamp");

        public DateTimeOffset? OptionalInstant(string name) => Optional(name, JsonValueKind.String, v => TryParseInstant(v.GetString()!, out var t) ? t : (DateTimeOffset?)null);

        private T? Required<T>(string name, Func<JsonElement, T?> read, string what)
            where T : struct
        {
            if (!json.TryGetProperty(name, out var value))
            {
                _problems.Add($"missing {name}");
                return null;
            }

            var result = read(value);
            if (result is null)
            {
                _problems.Add($"{name} must be {what}");
            }

            return result;
        }

        private T? Optional<T>(string name, JsonValueKind kind, Func<JsonElement, T?> read)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return default;
            }

            var result = value.ValueKind == kind ? read(value) : default;
            if (result is null)
            {
                _problems.Add($"{name} has the wrong type");
            }

            return result;
        }
    }
}
