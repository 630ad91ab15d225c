using System.Text.Json;
using ActorStreams.Domain.Funnel;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>funnel-metrics</c> format of docs/design.md §5: <c>metric_id, category, window_start, window_end, views,
/// add_to_carts, remove_from_carts, purchases, viewers, carters, purchasers, revenue, view_to_cart, cart_to_purchase,
/// view_to_purchase, top_products_by_revenue, top_products_by_conversion</c>. Money is the exact decimal sum with its
/// scale, as <c>merchant-metrics</c> writes <c>total_amount</c>; ratios are doubles, null when the denominator is 0.
/// One caller at a time per instance.
/// </summary>
public sealed class FunnelMetricEncoder : JsonRecordEncoder<FunnelMetric>
{
    private static readonly JsonEncodedText ViewToCart = JsonEncodedText.Encode("view_to_cart");
    private static readonly JsonEncodedText CartToPurchase = JsonEncodedText.Encode("cart_to_purchase");
    private static readonly JsonEncodedText ViewToPurchase = JsonEncodedText.Encode("view_to_purchase");
    private static readonly JsonEncodedText Conversion = JsonEncodedText.Encode("conversion");

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, FunnelMetric metric)
    {
        writer.WriteStartObject();
        writer.WriteString(N.MetricId, metric.MetricId);
        writer.WriteString("category", metric.Category);
        JsonFieldWriter.WriteTimestamp(writer, N.WindowStart, metric.WindowStart);
        JsonFieldWriter.WriteTimestamp(writer, N.WindowEnd, metric.WindowEnd);
        writer.WriteNumber("views", metric.Views);
        writer.WriteNumber("add_to_carts", metric.AddToCarts);
        writer.WriteNumber("remove_from_carts", metric.RemoveFromCarts);
        writer.WriteNumber("purchases", metric.Purchases);
        writer.WriteNumber("viewers", metric.Viewers);
        writer.WriteNumber("carters", metric.Carters);
        writer.WriteNumber("purchasers", metric.Purchasers);
        writer.WriteNumber("revenue", metric.Revenue);
        JsonFieldWriter.WriteNumberOrNull(writer, ViewToCart, metric.ViewToCart);
        JsonFieldWriter.WriteNumberOrNull(writer, CartToPurchase, metric.CartToPurchase);
        JsonFieldWriter.WriteNumberOrNull(writer, ViewToPurchase, metric.ViewToPurchase);
        WriteProducts(writer, "top_products_by_revenue", metric.TopProductsByRevenue);
        WriteProducts(writer, "top_products_by_conversion", metric.TopProductsByConversion);
        writer.WriteEndObject();
    }

    private static void WriteProducts(Utf8JsonWriter writer, string name, IReadOnlyList<FunnelProduct> products)
    {
        writer.WriteStartArray(name);
        foreach (var product in products)
        {
            writer.WriteStartObject();
            writer.WriteString("product_id", product.ProductId);
            writer.WriteNumber("views", product.Views);
            writer.WriteNumber("purchases", product.Purchases);
            writer.WriteNumber("revenue", product.Revenue);
            JsonFieldWriter.WriteNumberOrNull(writer, Conversion, product.Conversion);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
