namespace ActorStreams.Domain.Enrichment;

/// <summary>Enrichment parameters; built from <c>actorstreams.churn</c>/<c>actorstreams.rules</c> by the entities layer.</summary>
public sealed record EnrichmentSettings
{
    /// <summary>The defaults.</summary>
    public static EnrichmentSettings Default { get; } = new();

    /// <summary>Activities kept per customer for re-emission when details change; the oldest is evicted.</summary>
    public int ActivityBufferCapacity { get; init; } = 1000;

    /// <summary>Days of event time covered by the RFM frequency and monetary features.</summary>
    public int RfmWindowDays { get; init; } = 30;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (ActivityBufferCapacity is < 0 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ActivityBufferCapacity), ActivityBufferCapacity, "must be between 0 and 1000000");
        }

        if (RfmWindowDays is < 1 or > 3660)
        {
            throw new ArgumentOutOfRangeException(nameof(RfmWindowDays), RfmWindowDays, "must be between 1 and 3660");
        }
    }
}
