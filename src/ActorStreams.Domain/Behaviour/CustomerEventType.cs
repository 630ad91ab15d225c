namespace ActorStreams.Domain.Behaviour;

/// <summary>The <c>type</c> of a <c>customer-events</c> record.</summary>
public enum CustomerEventType
{
    /// <summary><c>view</c>: a product page was viewed.</summary>
    View,

    /// <summary><c>add_to_cart</c>: a product was put in the cart.</summary>
    AddToCart,

    /// <summary><c>remove_from_cart</c>: a product was taken out of the cart.</summary>
    RemoveFromCart,

    /// <summary><c>purchase</c>: a product was bought (<c>price × quantity</c> is its amount).</summary>
    Purchase,
}
