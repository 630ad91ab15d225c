namespace ActorStreams.Domain.Behaviour.Internal;

/// <summary>
/// The numeric features, computed once by the state and written to a vector in one place, so
/// <see cref="BehaviourFeatures.WriteVector"/> and <see cref="BehaviourState.WriteVector"/> cannot disagree.
/// </summary>
internal readonly record struct BehaviourScalars
{
    public double RecencyDays { get; init; }

    public long Frequency90d { get; init; }

    public decimal Monetary90d { get; init; }

    public double TenureDays { get; init; }

    public double DaysSinceLastEvent { get; init; }

    public long Events30d { get; init; }

    public long Events90d { get; init; }

    public long Purchases30d { get; init; }

    public long Sessions { get; init; }

    public double AvgSessionLengthMinutes { get; init; }

    public double EventsPerSession { get; init; }

    public double CartAbandonmentRate { get; init; }

    public double TopCategoryShare { get; init; }

    public double MobileShare { get; init; }

    public double DesktopShare { get; init; }

    public double WeekendShare { get; init; }

    public double NightShare { get; init; }

    public double NoPurchaseSessionEwma { get; init; }

    public void WriteVector(Span<float> destination)
    {
        if (destination.Length < BehaviourFeatures.VectorLength)
        {
            throw new ArgumentException(
                $"the feature vector needs {BehaviourFeatures.VectorLength} elements, got {destination.Length}", nameof(destination));
        }

        destination[0] = (float)RecencyDays;
        destination[1] = Frequency90d;
        destination[2] = (float)Monetary90d;
        destination[3] = (float)TenureDays;
        destination[4] = (float)DaysSinceLastEvent;
        destination[5] = Events30d;
        destination[6] = Events90d;
        destination[7] = Purchases30d;
        destination[8] = Sessions;
        destination[9] = (float)AvgSessionLengthMinutes;
        destination[10] = (float)EventsPerSession;
        destination[11] = (float)CartAbandonmentRate;
        destination[12] = (float)TopCategoryShare;
        destination[13] = (float)MobileShare;
        destination[14] = (float)DesktopShare;
        destination[15] = (float)WeekendShare;
        destination[16] = (float)NightShare;
        destination[17] = (float)NoPurchaseSessionEwma;
    }
}
