namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>The latest enriched record the oracle expects for one activity: activity LEFT JOIN latest details LEFT JOIN offers.</summary>
public sealed record ExpectedEnrichedActivity(
    long ActivityId,
    long CustomerId,
    string ActivityType,
    double PropensityToChurn,
    string IpAddress,
    long? OfferId,
    string? OfferName,
    string? OfferUrl,
    DetailsRow? Details,
    double ChurnScore,
    TimeExpectation EventTime);
