namespace ActorStreams.Domain.Funnel;

/// <summary>A record of the <c>funnel-metrics</c> topic (docs/design.md §5, §6 Funnel and segments).</summary>
public sealed record FunnelMetric
{
    /// <summary><c>metric_id</c> = <c>&lt;category&gt;:&lt;window_start ISO-8601&gt;</c>.</summary>
    public required string MetricId { get; init; }

    /// <summary><c>category</c>.</summary>
    public required string Category { get; init; }

    /// <summary><c>window_start</c>: the minute floor (inclusive).</summary>
    public required EventTime WindowStart { get; init; }

    /// <summary><c>window_end</c> (exclusive).</summary>
    public required EventTime WindowEnd { get; init; }

    /// <summary><c>views</c>: view events.</summary>
    public required long Views { get; init; }

    /// <summary><c>add_to_carts</c>.</summary>
    public required long AddToCarts { get; init; }

    /// <summary><c>remove_from_carts</c>.</summary>
    public required long RemoveFromCarts { get; init; }

    /// <summary><c>purchases</c>: purchase events.</summary>
    public required long Purchases { get; init; }

    /// <summary><c>viewers</c>: distinct customers with a view.</summary>
    public required long Viewers { get; init; }

    /// <summary><c>carters</c>: distinct customers with an add_to_cart.</summary>
    public required long Carters { get; init; }

    /// <summary><c>purchasers</c>: distinct customers with a purchase.</summary>
    public required long Purchasers { get; init; }

    /// <summary><c>revenue</c>: Σ price × quantity of the purchases (exact decimal).</summary>
    public required decimal Revenue { get; init; }

    /// <summary><c>top_products_by_revenue</c>: up to five purchased products, revenue descending, then product_id ascending.</summary>
    public required IReadOnlyList<FunnelProduct> TopProductsByRevenue { get; init; }

    /// <summary><c>top_products_by_conversion</c>: up to five viewed products, conversion descending, then views descending, then product_id.</summary>
    public required IReadOnlyList<FunnelProduct> TopProductsByConversion { get; init; }

    /// <summary><c>view_to_cart</c> = carters / viewers; null when there is no viewer.</summary>
    public double? ViewToCart => Ratio(Carters, Viewers);

    /// <summary><c>cart_to_purchase</c> = purchasers / carters; null when there is no carter.</summary>
    public double? CartToPurchase => Ratio(Purchasers, Carters);

    /// <summary><c>view_to_purchase</c> = purchasers / viewers; null when there is no viewer.</summary>
    public double? ViewToPurchase => Ratio(Purchasers, Viewers);

    private static double? Ratio(long numerator, long denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
