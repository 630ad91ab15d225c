namespace ActorStreams.Domain.Merchants;

/// <summary>What happened to a forwarded transaction offered to a merchant window state.</summary>
public enum MerchantApplyResult
{
    /// <summary>Added to its window.</summary>
    Applied,

    /// <summary>Its window was already closed: counted in <c>late_events</c>, not added.</summary>
    Late,

    /// <summary>A replay of a source offset already applied: ignored.</summary>
    Duplicate,
}
