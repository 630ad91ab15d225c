namespace ActorStreams.Domain.Fraud;

/// <summary>
/// The <c>details</c> object of a fraud alert: the figures that made the rule fire. Only the
/// members relevant to the rule are set; serialize with nulls omitted.
/// </summary>
public sealed record FraudAlertDetails
{
    /// <summary>The amount threshold that was exceeded (HIGH_AMOUNT, VELOCITY, NEW_DEVICE minimum amount).</summary>
    public decimal? Threshold { get; init; }

    /// <summary>Transactions in the window including this one (RAPID_FIRE, VELOCITY).</summary>
    public int? Count { get; init; }

    /// <summary>The count that triggers RAPID_FIRE.</summary>
    public int? MinCount { get; init; }

    /// <summary>Sum of the amounts in the window including this one (VELOCITY).</summary>
    public decimal? Sum { get; init; }

    /// <summary>The window length in seconds (RAPID_FIRE, VELOCITY).</summary>
    public double? WindowSeconds { get; init; }

    /// <summary>Great-circle distance to the previous located transaction (IMPOSSIBLE_TRAVEL).</summary>
    public double? DistanceKm { get; init; }

    /// <summary>Implied speed in km/h (IMPOSSIBLE_TRAVEL).</summary>
    public double? SpeedKmh { get; init; }

    /// <summary>Seconds between the two transactions, at least 1 (IMPOSSIBLE_TRAVEL).</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>Latitude of the previous located transaction (IMPOSSIBLE_TRAVEL).</summary>
    public double? PreviousLatitude { get; init; }

    /// <summary>Longitude of the previous located transaction (IMPOSSIBLE_TRAVEL).</summary>
    public double? PreviousLongitude { get; init; }

    /// <summary>How many distinct recent devices were known (NEW_DEVICE).</summary>
    public int? KnownDeviceCount { get; init; }

    /// <summary>True when the transaction was late (only HIGH_AMOUNT and NEW_DEVICE can fire then).</summary>
    public bool? Late { get; init; }
}
