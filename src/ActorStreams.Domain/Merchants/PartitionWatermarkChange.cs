namespace ActorStreams.Domain.Merchants;

/// <summary>What a record did to a merchant partition's watermark.</summary>
public enum PartitionWatermarkChange
{
    /// <summary>Nothing new can be emitted.</summary>
    None,

    /// <summary>The watermark moved forward: emit windows ending at or before it (<see cref="MerchantWindowState.Advance"/>).</summary>
    Advanced,

    /// <summary>Every source is now idle: emit every open window (<see cref="MerchantWindowState.FlushAll"/>).</summary>
    AllIdle,
}
