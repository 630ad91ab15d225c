using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Internal;

/// <summary>
/// Builds the train snapshot (at T − h) and the test snapshot (at T) in one pass over the events, through
/// <see cref="BehaviourState"/>: the same feature code as online scoring.
/// </summary>
internal sealed class SnapshotBuilder(EventTime asOf, TimeSpan horizon, TimeSpan activeWithin, BehaviourSettings settings)
{
    private readonly Dictionary<long, CustomerTrack> _customers = [];
    private readonly EventTime _trainAt = asOf - horizon;
    private readonly EventTime _testAt = asOf;
    private readonly EventTime _testEnd = asOf + horizon;

    public void Add(CustomerEvent customerEvent)
    {
        if (!_customers.TryGetValue(customerEvent.CustomerId.Value, out var track))
        {
            track = new CustomerTrack();
            _customers.Add(customerEvent.CustomerId.Value, track);
        }

        track.Add(customerEvent, _trainAt, _testAt, _testEnd, settings);
    }

    /// <summary>The train snapshot, by customer id.</summary>
    public List<ChurnExample> Train() => Snapshot(_trainAt, t => t.AtTrain, t => !t.PurchasedAfterTrain);

    /// <summary>The test snapshot, by customer id.</summary>
    public List<ChurnExample> Test() => Snapshot(_testAt, t => t.AtTest, t => !t.PurchasedAfterTest);

    /// <summary>
    /// The population at <paramref name="at"/>: a purchase at or before it and an event in (at − activeWithin, at].
    /// </summary>
    private List<ChurnExample> Snapshot(EventTime at, Func<CustomerTrack, BehaviourState?> state, Func<CustomerTrack, bool> churned)
    {
        var examples = new List<ChurnExample>();
        foreach (var (customer, track) in _customers)
        {
            if (state(track) is not { LastPurchaseTime: not null, LastEventTime: { } last } s || last <= at - activeWithin)
            {
                continue;
            }

            var features = new float[BehaviourFeatures.VectorLength];
            s.WriteVector(at, features);
            examples.Add(new ChurnExample(customer, features, churned(track)));
        }

        examples.Sort((a, b) => a.CustomerId.CompareTo(b.CustomerId));
        return examples;
    }
}
