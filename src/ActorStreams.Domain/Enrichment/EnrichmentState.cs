using System.Buffers;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Enrichment;

/// <summary>
/// The enrichment join of one customer (docs/design.md §6): the customer's latest details and a
/// bounded buffer of its processed activities, so that when details arrive or change every
/// buffered activity is re-emitted and the latest record per <c>activity_id</c> equals
/// <c>activity LEFT JOIN details LEFT JOIN offers</c>.
/// </summary>
/// <remarks>
/// Offers are looked up whenever a record is emitted (first emission and re-emission), so each
/// record reflects the offer table at that moment. Re-emitted records keep the activity's
/// churn score and RFM features from when it was processed.
/// </remarks>
public sealed class EnrichmentState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private static readonly BufferedActivity[] NoActivities = [];

    private readonly int _capacity;
    private CustomerDetails? _details;

    // Ring buffer in arrival order: oldest at _head.
    private BufferedActivity[] _buffer = NoActivities;
    private int _head;
    private int _count;

    /// <summary>Creates the state of a customer with no details and no activity yet.</summary>
    public EnrichmentState(EnrichmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _capacity = settings.ActivityBufferCapacity;
    }

    /// <summary>The customer's current details, or null when none have arrived.</summary>
    public CustomerDetails? Details => _details;

    /// <summary>Activities currently held for re-emission.</summary>
    public int BufferedCount => _count;

    /// <summary>
    /// Joins an activity with the current details and offer, buffers it for re-emission
    /// (evicting the oldest beyond capacity) and returns its enriched record.
    /// </summary>
    /// <param name="activity">The activity.</param>
    /// <param name="eventTime">Its effective event time (timestamp, or processing time when absent).</param>
    /// <param name="churnScore">The churn score after this activity.</param>
    /// <param name="rfm">The RFM features as of <paramref name="eventTime"/>.</param>
    /// <param name="offers">The offers table.</param>
    public EnrichedActivity ApplyActivity(CustomerActivity activity, EventTime eventTime, double churnScore, RfmFeatures rfm, IOfferLookup offers)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(offers);

        var buffered = new BufferedActivity(activity, eventTime.Ticks, churnScore, rfm);
        Append(buffered);
        return Join(buffered, offers);
    }

    /// <summary>
    /// Stores the customer's details. When they differ from the held ones, re-emits every
    /// buffered activity (oldest first) joined with them; an identical re-delivery emits nothing.
    /// </summary>
    /// <returns>The number of records appended to <paramref name="output"/>.</returns>
    public int ApplyDetails(CustomerDetails details, IOfferLookup offers, ICollection<EnrichedActivity> output)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(output);

        if (details.Equals(_details))
        {
            return 0;
        }

        _details = details;
        return ReEmit(offers, output);
    }

    /// <summary>
    /// Forgets the details (a tombstone on the compacted topic) and, if there were any,
    /// re-emits the buffered activities with null detail fields.
    /// </summary>
    /// <returns>The number of records appended to <paramref name="output"/>.</returns>
    public int RemoveDetails(IOfferLookup offers, ICollection<EnrichedActivity> output)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(output);

        if (_details is null)
        {
            return 0;
        }

        _details = null;
        return ReEmit(offers, output);
    }

    /// <summary>Writes a versioned binary snapshot (details and buffered activities).</summary>
    public void Write(IBufferWriter<byte> buffer) => WriteTo(new SnapshotWriter(buffer));

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static EnrichmentState Read(ReadOnlySpan<byte> snapshot, EnrichmentSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(EnrichmentState));
        var state = ReadFrom(ref reader, settings);
        reader.ExpectEnd();
        return state;
    }

    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteByte(SnapshotVersion);
        writer.WriteBool(_details is not null);
        if (_details is { } details)
        {
            writer.WriteInt64(details.CustomerId.Value);
            writer.WriteString(details.FirstName);
            writer.WriteString(details.LastName);
            writer.WriteString(details.Email);
            writer.WriteString(details.Gender);
            writer.WriteInt64(details.Income);
            writer.WriteInt32(details.Fico);
            writer.WriteInt32(details.YearsActive);
        }

        writer.WriteInt32(_count);
        for (var i = 0; i < _count; i++)
        {
            var item = _buffer[(_head + i) % _buffer.Length];
            var activity = item.Activity;
            writer.WriteInt64(activity.ActivityId.Value);
            writer.WriteInt64(activity.CustomerId.Value);
            writer.WriteString(activity.ActivityType);
            writer.WriteDouble(activity.PropensityToChurn);
            writer.WriteString(activity.IpAddress);
            writer.WriteBool(activity.OfferId.HasValue);
            writer.WriteInt64(activity.OfferId?.Value ?? 0);
            writer.WriteBool(activity.Timestamp.HasValue);
            writer.WriteInt64(activity.Timestamp?.Ticks ?? 0);
            writer.WriteInt64(item.EventTicks);
            writer.WriteDouble(item.ChurnScore);
            writer.WriteNullableDouble(item.Rfm.RecencyDays);
            writer.WriteInt32(item.Rfm.Frequency);
            writer.WriteDecimal(item.Rfm.Monetary);
        }
    }

    internal static EnrichmentState ReadFrom(ref SnapshotReader reader, EnrichmentSettings settings)
    {
        var state = new EnrichmentState(settings);
        reader.ExpectVersion(SnapshotVersion);
        if (reader.ReadBool())
        {
            state._details = new CustomerDetails
            {
                CustomerId = new CustomerId(reader.ReadInt64()),
                FirstName = reader.ReadRequiredString(),
                LastName = reader.ReadRequiredString(),
                Email = reader.ReadRequiredString(),
                Gender = reader.ReadRequiredString(),
                Income = reader.ReadInt64(),
                Fico = reader.ReadInt32(),
                YearsActive = reader.ReadInt32(),
            };
        }

        var count = reader.ReadCount(1_000_000);
        for (var i = 0; i < count; i++)
        {
            var activityId = new ActivityId(reader.ReadInt64());
            var customerId = new CustomerId(reader.ReadInt64());
            var activityType = reader.ReadRequiredString();
            var propensity = reader.ReadDouble();
            var ipAddress = reader.ReadRequiredString();
            var hasOffer = reader.ReadBool();
            var offerId = reader.ReadInt64();
            var hasTimestamp = reader.ReadBool();
            var timestamp = reader.ReadInt64();
            var activity = new CustomerActivity
            {
                ActivityId = activityId,
                CustomerId = customerId,
                ActivityType = activityType,
                PropensityToChurn = propensity,
                IpAddress = ipAddress,
                OfferId = hasOffer ? new OfferId(offerId) : null,
                Timestamp = hasTimestamp ? new EventTime(timestamp) : null,
            };
            var eventTicks = reader.ReadInt64();
            var churnScore = reader.ReadDouble();
            var rfm = new RfmFeatures(reader.ReadNullableDouble(), reader.ReadInt32(), reader.ReadDecimal());

            // Appending through the ring keeps only the newest entries if the capacity shrank.
            state.Append(new BufferedActivity(activity, eventTicks, churnScore, rfm));
        }

        return state;
    }

    private int ReEmit(IOfferLookup offers, ICollection<EnrichedActivity> output)
    {
        for (var i = 0; i < _count; i++)
        {
            output.Add(Join(_buffer[(_head + i) % _buffer.Length], offers));
        }

        return _count;
    }

    private void Append(BufferedActivity item)
    {
        if (_capacity == 0)
        {
            return;
        }

        if (_count == _capacity)
        {
            _buffer[_head] = item;
            _head = (_head + 1) % _buffer.Length;
            return;
        }

        if (_count == _buffer.Length)
        {
            var grown = new BufferedActivity[Math.Min(_capacity, Math.Max(4, _buffer.Length * 2))];
            for (var i = 0; i < _count; i++)
            {
                grown[i] = _buffer[(_head + i) % _buffer.Length];
            }

            _buffer = grown;
            _head = 0;
        }

        _buffer[(_head + _count) % _buffer.Length] = item;
        _count++;
    }

    private EnrichedActivity Join(in BufferedActivity item, IOfferLookup offers)
    {
        var activity = item.Activity;
        CustomerOffer? offer = null;
        if (activity.OfferId is { } offerId && offers.TryGetOffer(offerId, out var found))
        {
            offer = found;
        }

        var details = _details;
        return new EnrichedActivity
        {
            ActivityId = activity.ActivityId.Value,
            CustomerId = activity.CustomerId.Value,
            ActivityType = activity.ActivityType,
            PropensityToChurn = activity.PropensityToChurn,
            IpAddress = activity.IpAddress,
            OfferId = activity.OfferId?.Value,
            OfferName = offer?.OfferName,
            OfferUrl = offer?.OfferUrl,
            FirstName = details?.FirstName,
            LastName = details?.LastName,
            Email = details?.Email,
            Gender = details?.Gender,
            Income = details?.Income,
            Fico = details?.Fico,
            YearsActive = details?.YearsActive,
            ChurnScore = item.ChurnScore,
            EventTime = new EventTime(item.EventTicks),
            RfmRecencyDays = item.Rfm.RecencyDays,
            RfmFrequency30d = item.Rfm.Frequency,
            RfmMonetary30d = item.Rfm.Monetary,
        };
    }

    private readonly record struct BufferedActivity(CustomerActivity Activity, long EventTicks, double ChurnScore, RfmFeatures Rfm);
}
