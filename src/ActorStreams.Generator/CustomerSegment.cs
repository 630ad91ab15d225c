namespace ActorStreams.Generator;

/// <summary>
/// The latent segment of a <c>customer-events</c> customer: it sets how often they visit, what they look at and buy,
/// and how likely they are to churn. Hidden in the events; the ground truth of the run names it.
/// </summary>
public enum CustomerSegment
{
    /// <summary>Frequent visits, dearer products, high purchase rate; rarely churns (<c>loyal</c>).</summary>
    Loyal,

    /// <summary>Rare visits with long pauses after which they come back (<c>occasional</c>).</summary>
    Occasional,

    /// <summary>Cheap products, long browsing, many removals from the cart (<c>bargain</c>).</summary>
    Bargain,

    /// <summary>Few visits and purchases; most of them churn (<c>at-risk</c>).</summary>
    AtRisk,
}
