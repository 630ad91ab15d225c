using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Enrichment;

namespace ActorStreams.Entities.Offers;

/// <summary>
/// The offers global table (docs/design.md §6): every node holds all of <c>customer-offers</c>, read to its end at
/// start-up before any other record is processed and followed afterwards; the latest record per offer id wins,
/// a tombstone removes the offer. Thread-safe: entities look offers up from any thread.
/// </summary>
public sealed class OfferTable : IOfferLookup
{
    private readonly ConcurrentDictionary<long, CustomerOffer> _offers = new();

    /// <summary>Offers in the table.</summary>
    public int Count => _offers.Count;

    /// <inheritdoc />
    public bool TryGetOffer(OfferId offerId, [NotNullWhen(true)] out CustomerOffer? offer) => _offers.TryGetValue(offerId.Value, out offer);

    /// <summary>Adds or replaces an offer.</summary>
    public void Upsert(CustomerOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        _offers[offer.OfferId.Value] = offer;
    }

    /// <summary>Removes an offer (a tombstone on the compacted topic).</summary>
    public void Remove(OfferId offerId) => _offers.TryRemove(offerId.Value, out _);
}
