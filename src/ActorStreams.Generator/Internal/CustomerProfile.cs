namespace ActorStreams.Generator.Internal;

/// <summary>A customer's behaviour profile.</summary>
internal enum CustomerProfile
{
    Normal,
    HighValue,
    Suspicious,
}
