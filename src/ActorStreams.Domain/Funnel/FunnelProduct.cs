namespace ActorStreams.Domain.Funnel;

/// <summary>One product of a funnel window's top lists (<c>top_products_by_revenue</c>, <c>top_products_by_conversion</c>).</summary>
public sealed record FunnelProduct
{
    /// <summary><c>product_id</c>.</summary>
    public required string ProductId { get; init; }

    /// <summary><c>views</c>: view events of the product in the window.</summary>
    public required long Views { get; init; }

    /// <summary><c>purchases</c>: purchase events of the product in the window.</summary>
    public required long Purchases { get; init; }

    /// <summary><c>revenue</c>: Σ price × quantity of those purchases (exact decimal).</summary>
    public required decimal Revenue { get; init; }

    /// <summary><c>conversion</c> = purchases / views; null without a view.</summary>
    public double? Conversion => Views == 0 ? null : (double)Purchases / Views;
}
