namespace ActorStreams.Generator;

/// <summary>The fraud patterns injected into <c>transactions</c>, each made to fire the fraud rule of the same name (docs/design.md §6).</summary>
public enum FraudPattern
{
    /// <summary>A burst of 3–5 small card-testing payments within 5 s (RAPID_FIRE).</summary>
    RapidFire,

    /// <summary>One payment above 2,000 (HIGH_AMOUNT).</summary>
    HighAmount,

    /// <summary>A spending spree: 3–5 payments under 500 each, more than 1,000 in total within 60 s, none within 5 s of two others (VELOCITY).</summary>
    Velocity,

    /// <summary>A genuine payment at home, then one minutes later from a city thousands of km away (IMPOSSIBLE_TRAVEL).</summary>
    ImpossibleTravel,

    /// <summary>A payment above 500 from a device the customer never used, after at least one earlier payment (NEW_DEVICE).</summary>
    NewDevice,
}
