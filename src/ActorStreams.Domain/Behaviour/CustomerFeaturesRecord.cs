namespace ActorStreams.Domain.Behaviour;

/// <summary>
/// A record of the <c>customer-features</c> topic (docs/design.md §5, §6 Customer behaviour features): a customer's
/// behaviour features at an instant the churn model scores (a session's end or a purchase), whether or not a model is
/// loaded. It carries no score, so a replay writes the same record for the same id whatever model runs.
/// </summary>
public sealed record CustomerFeaturesRecord
{
    /// <summary>The <c>features_id</c> of the record triggered by <paramref name="eventId"/>: <c>&lt;event_id&gt;:features:&lt;trigger&gt;</c>.</summary>
    /// <remarks>The trigger is part of it because one event can both end a session and be a purchase.</remarks>
    public static string IdOf(string eventId, string trigger) => eventId + ":features:" + trigger;

    /// <summary><c>features_id</c>: <see cref="IdOf"/> of the triggering event and the trigger.</summary>
    public required string FeaturesId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required long CustomerId { get; init; }

    /// <summary><c>event_id</c>: the purchase, or the event whose arrival ended the session before it.</summary>
    public required string EventId { get; init; }

    /// <summary><c>trigger</c>: <see cref="ChurnModelAlert.SessionEnd"/> or <see cref="ChurnModelAlert.Purchase"/>.</summary>
    public required string Trigger { get; init; }

    /// <summary><c>as_of</c>: the instant the features are computed for (the session's end + gap + 1 ms, or the purchase's time).</summary>
    public required EventTime AsOf { get; init; }

    /// <summary>The features as of <see cref="AsOf"/>, each written by its name.</summary>
    public required BehaviourFeatures Features { get; init; }
}
