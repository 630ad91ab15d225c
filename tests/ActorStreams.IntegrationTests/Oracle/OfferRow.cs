namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>An offer as the oracle read it.</summary>
public sealed record OfferRow(long OfferId, string Name, string Url);
