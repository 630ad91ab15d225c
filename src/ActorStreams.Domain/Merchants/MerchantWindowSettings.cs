namespace ActorStreams.Domain.Merchants;

/// <summary>Merchant window and watermark parameters (docs/design.md §6); built from <c>actorstreams.merchant</c>.</summary>
public sealed record MerchantWindowSettings
{
    /// <summary>The contract defaults.</summary>
    public static MerchantWindowSettings Default { get; } = new();

    /// <summary>Tumbling window length; windows start at multiples of it since the epoch (the minute floor).</summary>
    public TimeSpan WindowSize { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A customer partition's watermark is its newest event time minus this.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A customer partition with no new record for this long (wall clock) declares itself idle.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (WindowSize <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "must be a positive duration");
        }

        if (Grace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Grace), Grace, "must be a duration ≥ 0");
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "must be a positive duration");
        }
    }
}
