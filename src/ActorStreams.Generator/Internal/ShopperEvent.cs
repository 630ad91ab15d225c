namespace ActorStreams.Generator.Internal;

/// <summary>One event of a <see cref="Shopper"/>, as <see cref="CustomerEventStream"/> writes it.</summary>
/// <param name="Ticks">Event time, 100 ns ticks since the Unix epoch, whole milliseconds.</param>
/// <param name="Action">What the customer did.</param>
/// <param name="Product">The product, an index into the <see cref="ProductCatalogue"/>.</param>
/// <param name="Quantity">Units: 1 for a view, the cart line's units otherwise.</param>
/// <param name="Session">The customer's session number, from 1.</param>
/// <param name="Sequence">The customer's event number, from 1: part of the event id.</param>
/// <param name="Device">Index of the session's device (mobile, desktop, tablet).</param>
internal readonly record struct ShopperEvent(long Ticks, ShopperAction Action, int Product, int Quantity, int Session, long Sequence, int Device);
