namespace ActorStreams.Entities;

/// <summary>The input records a customer recognises duplicates of (docs/design.md §6).</summary>
internal enum DuplicateKind
{
    /// <summary>A transaction (by transaction_id).</summary>
    Transaction,

    /// <summary>An activity (by activity_id).</summary>
    Activity,

    /// <summary>A loan application (by application_id).</summary>
    LoanApplication,

    /// <summary>A shop event (by event_id).</summary>
    CustomerEvent,
}
