using System.Diagnostics.CodeAnalysis;
using ActorStreams.Domain.Events;

namespace ActorStreams.Domain.Enrichment;

/// <summary>Read access to the offers reference table (a global table on every node).</summary>
public interface IOfferLookup
{
    /// <summary>Finds the current offer with this id.</summary>
    bool TryGetOffer(OfferId offerId, [NotNullWhen(true)] out CustomerOffer? offer);
}
