using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Internal;

/// <summary>
/// One customer during the snapshot pass: its state as of the train instant and as of the test instant (each fed the
/// events up to that instant, in file order), and whether it purchased within each label horizon.
/// </summary>
internal sealed class CustomerTrack
{
    public BehaviourState? AtTrain { get; private set; }

    public BehaviourState? AtTest { get; private set; }

    public bool PurchasedAfterTrain { get; private set; }

    public bool PurchasedAfterTest { get; private set; }

    public void Add(CustomerEvent customerEvent, EventTime trainAt, EventTime testAt, EventTime testHorizonEnd, BehaviourSettings settings)
    {
        var t = customerEvent.Timestamp;
        if (t <= trainAt)
        {
            (AtTrain ??= new BehaviourState(settings)).Apply(customerEvent);
        }

        if (t <= testAt)
        {
            (AtTest ??= new BehaviourState(settings)).Apply(customerEvent);
        }

        if (customerEvent.Type == CustomerEventType.Purchase)
        {
            PurchasedAfterTrain |= t > trainAt && t <= testAt;
            PurchasedAfterTest |= t > testAt && t <= testHorizonEnd;
        }
    }
}
