using System.Buffers.Text;
using System.Text.Json;
using ActorStreams.Domain;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// The <c>customer-events</c> dataset: the customers 1..n of a simulated shop (<see cref="Shopper"/>) over the period
/// [start, start + days), merged into one stream in timestamp order (ties by customer id) with a priority queue that
/// holds one pending event per active customer, so memory grows with the customers, not the events. Now and then a
/// record is written twice in a row, byte for byte, as a producer retry would. The stream ends with the period or at
/// the count, whichever comes first; the ground truth (<see cref="GeneratedRecordStream.ChurnTruth"/>) is fixed at open.
/// </summary>
internal sealed class CustomerEventStream : GeneratedRecordStream
{
    public const string TopicName = "customer-events";

    private static readonly JsonEncodedText[] Actions =
        [.. new[] { "view", "add_to_cart", "remove_from_cart", "purchase" }.Select(JsonText.Encode)];

    private static readonly JsonEncodedText[] Devices = [.. new[] { "mobile", "desktop", "tablet" }.Select(JsonText.Encode)];

    private readonly ProductCatalogue _catalogue;
    private readonly PriorityQueue<Shopper, (long Ticks, long Id)> _queue;
    private readonly FastRandom _retries;
    private readonly double _duplicateRatio;
    private readonly ulong _runKey;
    private Shopper? _repeatShopper;
    private ShopperEvent _repeatEvent;

    /// <param name="settings">Customers, seed and <see cref="GeneratorSettings.Behaviour"/>.</param>
    /// <param name="start">Start of the simulated period.</param>
    /// <param name="count">The most records to write, or null for the whole period.</param>
    public CustomerEventStream(GeneratorSettings settings, EventTime start, long? count)
        : base(TopicName, count ?? long.MaxValue, settings, start)
    {
        var behaviour = settings.Behaviour;
        var end = new EventTime(start.Ticks + behaviour.Period.Ticks);
        _catalogue = new ProductCatalogue(settings.Seed);
        _retries = new FastRandom(FastRandom.Derive(settings.Seed, "customer-events.retries"));
        _duplicateRatio = behaviour.DuplicateRatio;
        _runKey = FastRandom.Derive(settings.Seed, "customer-events.ids") ^ FastRandom.Mix((ulong)start.Ticks);
        var segmentWeights = Cumulative.Of(behaviour.SegmentShares);
        var truth = new CustomerTruth[settings.Customers];
        var first = new List<(Shopper, (long, long))>(settings.Customers);
        for (var i = 0; i < truth.Length; i++)
        {
            var shopper = new Shopper(i + 1L, settings.Seed, behaviour.AbruptChurnRatio, segmentWeights, _catalogue, start.Ticks, end.Ticks);
            truth[i] = shopper.Truth;
            if (shopper.Start())
            {
                first.Add((shopper, (shopper.Current.Ticks, shopper.Id)));
            }
        }

        _queue = new PriorityQueue<Shopper, (long Ticks, long Id)>(first);
        ChurnTruth = new ChurnGroundTruth(start, end, truth);
    }

    private protected override bool HasMore => _repeatShopper is not null || _queue.Count > 0;

    private protected override WrittenRecord WriteNext(Utf8JsonWriter writer)
    {
        if (_repeatShopper is { } repeated)
        {
            // The retry of the record just written: the same customer and event, so the same bytes.
            _repeatShopper = null;
            Write(writer, repeated, _repeatEvent);
            return new WrittenRecord(TopicName, IsDuplicate: true);
        }

        var shopper = _queue.Peek();
        var current = shopper.Current;
        Write(writer, shopper, current);
        if (shopper.MoveNext())
        {
            _queue.DequeueEnqueue(shopper, (shopper.Current.Ticks, shopper.Id));
        }
        else
        {
            _queue.Dequeue();
        }

        if (_duplicateRatio > 0 && _retries.Chance(_duplicateRatio))
        {
            _repeatShopper = shopper;
            _repeatEvent = current;
        }

        return new WrittenRecord(TopicName);
    }

    private void Write(Utf8JsonWriter writer, Shopper shopper, in ShopperEvent e)
    {
        Span<byte> text = stackalloc byte[RunScopedUuid.Length];
        writer.WriteStartObject();

        // The customer's event number in the low half: unique per customer (ids below 2^31, events below 2^32).
        RunScopedUuid.Format(_runKey, ((ulong)shopper.Id << 32) | (ulong)e.Sequence, text);
        writer.WriteString(JsonNames.EventId, text);
        writer.WriteNumber(JsonNames.CustomerId, shopper.Id);
        writer.WriteString(JsonNames.SessionId, SessionId(shopper.Id, e.Session, text));
        IsoTimestamp.Format(e.Ticks, text);
        writer.WriteString(JsonNames.Timestamp, text[..IsoTimestamp.Length]);
        writer.WriteString(JsonNames.Type, Actions[(int)e.Action]);
        writer.WriteString(JsonNames.ProductId, _catalogue.ProductIds[e.Product]);
        writer.WriteString(JsonNames.Category, _catalogue.CategoryNames[ProductCatalogue.CategoryOf(e.Product)]);
        writer.WriteNumber(JsonNames.Price, _catalogue.Prices[e.Product]);
        writer.WriteNumber(JsonNames.Quantity, e.Quantity);
        writer.WriteString(JsonNames.Device, Devices[e.Device]);
        writer.WriteString(JsonNames.City, shopper.Home.NameJson);
        writer.WriteString(JsonNames.Country, shopper.Home.CountryJson);
        writer.WriteEndObject();
        SetKey(shopper.Id);
    }

    /// <summary>Formats <c>s-&lt;customer&gt;-&lt;session&gt;</c> into <paramref name="destination"/> and returns the written part.</summary>
    private static ReadOnlySpan<byte> SessionId(long customer, int session, Span<byte> destination)
    {
        destination[0] = (byte)'s';
        destination[1] = (byte)'-';
        Utf8Formatter.TryFormat(customer, destination[2..], out var written);
        var length = 2 + written;
        destination[length++] = (byte)'-';
        Utf8Formatter.TryFormat(session, destination[length..], out written);
        return destination[..(length + written)];
    }
}
