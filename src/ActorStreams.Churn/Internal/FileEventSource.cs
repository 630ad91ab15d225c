using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Internal;

/// <summary>A JSON-lines file of <c>customer-events</c>.</summary>
internal sealed class FileEventSource(string path) : CustomerEventSource
{
    public override string Description => path;

    public override CustomerEventFileSummary Read(Action<CustomerEvent> onEvent, IProgress<long>? linesRead, CancellationToken cancellationToken) =>
        CustomerEventFile.Read(path, onEvent, linesRead, cancellationToken);
}
