namespace ActorStreams.Domain.Events;

/// <summary>A record of the compacted <c>customer-offers</c> reference table (docs/design.md §5).</summary>
public sealed record CustomerOffer
{
    /// <summary><c>offer_id</c>.</summary>
    public required OfferId OfferId { get; init; }

    /// <summary><c>offer_name</c>.</summary>
    public required string OfferName { get; init; }

    /// <summary><c>offer_url</c>.</summary>
    public required string OfferUrl { get; init; }
}
