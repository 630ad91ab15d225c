namespace ActorStreams.Generator.Internal;

/// <summary>The <c>type</c> of a <c>customer-events</c> record.</summary>
internal enum ShopperAction
{
    View,
    AddToCart,
    RemoveFromCart,
    Purchase,
}
