using System.Text.Json;

namespace ActorStreams.Generator.Tests.Support;

/// <summary>One parsed <c>customer-events</c> record, and whether it repeats the record before it byte for byte.</summary>
internal sealed record CustomerEvent(
    string EventId, long CustomerId, string SessionId, DateTimeOffset Timestamp, string Type, string ProductId, string Category,
    decimal Price, int Quantity, string Device, string City, string Country, bool IsRepeat)
{
    /// <summary>The session number n of <c>s-&lt;customer&gt;-&lt;n&gt;</c>.</summary>
    public int SessionNumber => int.Parse(SessionId[(SessionId.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public static CustomerEvent Parse(ReadOnlySpan<byte> json, bool isRepeat)
    {
        var value = JsonDocument.Parse(json.ToArray()).RootElement;
        return new CustomerEvent(
            value.GetProperty("event_id").GetString()!,
            value.GetProperty("customer_id").GetInt64(),
            value.GetProperty("session_id").GetString()!,
            value.GetProperty("timestamp").GetDateTimeOffset(),
            value.GetProperty("type").GetString()!,
            value.GetProperty("product_id").GetString()!,
            value.GetProperty("category").GetString()!,
            value.GetProperty("price").GetDecimal(),
            value.GetProperty("quantity").GetInt32(),
            value.GetProperty("device").GetString()!,
            value.GetProperty("city").GetString()!,
            value.GetProperty("country").GetString()!,
            isRepeat);
    }

    /// <summary>Drains <paramref name="stream"/>, parsing each record and marking the byte-for-byte repeats of the record before.</summary>
    public static List<CustomerEvent> Drain(GeneratedRecordStream stream)
    {
        var events = new List<CustomerEvent>();
        var previous = Array.Empty<byte>();
        while (stream.MoveNext())
        {
            var repeat = stream.Value.SequenceEqual(previous);
            events.Add(Parse(stream.Value, repeat));
            previous = stream.Value.ToArray();
        }

        return events;
    }
}
