namespace ActorStreams.Domain.Customers;

/// <summary>
/// How long a customer remembers the ids of its records to recognise duplicates (docs/design.md §6): an id is
/// remembered while it is among the customer's last <see cref="RememberLast"/> accepted records of its kind, or while
/// its event time is within <see cref="RememberWithin"/> of the newest event time of that kind.
/// </summary>
public sealed record DuplicateSettings
{
    /// <summary>The contract defaults: the last 1,000 records, or 24 h of event time.</summary>
    public static DuplicateSettings Default { get; } = new();

    /// <summary>Records remembered by count, whatever their event time (0: none by count).</summary>
    public int RememberLast { get; init; } = 1000;

    /// <summary>Event time behind the newest record within which records are remembered (zero: none by time).</summary>
    public TimeSpan RememberWithin { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (RememberLast is < 0 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(RememberLast), RememberLast, "must be between 0 and 1000000");
        }

        if (RememberWithin < TimeSpan.Zero || RememberWithin > TimeSpan.FromDays(366))
        {
            throw new ArgumentOutOfRangeException(nameof(RememberWithin), RememberWithin, "must be between 0 and 366 days");
        }
    }
}
