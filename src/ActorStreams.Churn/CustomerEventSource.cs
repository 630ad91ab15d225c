using ActorStreams.Churn.Internal;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn;

/// <summary>
/// Where <see cref="ChurnTrainer"/> reads <c>customer-events</c> from: a JSON-lines file, or the topic's records kept
/// elsewhere (the data lake). Either way each record goes through the same parser, duplicate rule and counts
/// (<see cref="CustomerEventFile"/>), so the features, and the model, depend on the records only.
/// </summary>
public abstract class CustomerEventSource
{
    /// <summary>What the source is, for messages: a path or a lake location.</summary>
    public abstract string Description { get; }

    /// <summary>A JSON-lines file (the generator's <c>--out</c> format).</summary>
    public static CustomerEventSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new FileEventSource(path);
    }

    /// <summary>
    /// Records handed over by <paramref name="records"/>, which is called once per read (the trainer reads twice) and
    /// yields each record's UTF-8 JSON in the order a file would hold them: each customer's in its topic's order.
    /// </summary>
    public static CustomerEventSource FromRecords(string description, Func<CancellationToken, IEnumerable<byte[]>> records)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(records);
        return new RecordEventSource(description, records);
    }

    /// <summary>Reads every record, handing each valid, first-seen one to <paramref name="onEvent"/> in order.</summary>
    /// <exception cref="IOException">The source cannot be read.</exception>
    public abstract CustomerEventFileSummary Read(Action<CustomerEvent> onEvent, IProgress<long>? linesRead, CancellationToken cancellationToken);
}
