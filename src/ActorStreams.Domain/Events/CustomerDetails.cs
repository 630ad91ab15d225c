namespace ActorStreams.Domain.Events;

/// <summary>A record of the compacted <c>customer-details</c> topic (docs/design.md §5).</summary>
/// <remarks>Value equality is what decides whether a re-delivered record "changed".</remarks>
public sealed record CustomerDetails
{
    /// <summary><c>customer_id</c>.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>first_name</c>.</summary>
    public required string FirstName { get; init; }

    /// <summary><c>last_name</c>.</summary>
    public required string LastName { get; init; }

    /// <summary><c>email</c>.</summary>
    public required string Email { get; init; }

    /// <summary><c>gender</c>.</summary>
    public required string Gender { get; init; }

    /// <summary><c>income</c>.</summary>
    public required long Income { get; init; }

    /// <summary><c>fico</c> credit score.</summary>
    public required int Fico { get; init; }

    /// <summary><c>years_active</c>.</summary>
    public required int YearsActive { get; init; }
}
