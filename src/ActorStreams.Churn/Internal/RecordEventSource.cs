using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Internal;

/// <summary>Records of <c>customer-events</c> handed over one by one (the lake's rows turned back into records).</summary>
internal sealed class RecordEventSource(string description, Func<CancellationToken, IEnumerable<byte[]>> records) : CustomerEventSource
{
    public override string Description => description;

    public override CustomerEventFileSummary Read(Action<CustomerEvent> onEvent, IProgress<long>? linesRead, CancellationToken cancellationToken) =>
        CustomerEventFile.ReadRecords(records(cancellationToken), onEvent, linesRead, cancellationToken);
}
