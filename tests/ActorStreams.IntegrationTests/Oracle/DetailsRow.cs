namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A customer's details as the oracle read them.</summary>
public sealed record DetailsRow(long CustomerId, string FirstName, string LastName, string Email, string Gender, long Income, long Fico, long YearsActive);
