using Confluent.Kafka;

namespace ActorStreams.Kafka.Producer;

/// <summary>
/// Told when a record produced through <see cref="KafkaSink.TryProduce(string, int?, byte[], byte[], DeliveryCallback)"/> is
/// acknowledged by the brokers or has failed for good. One callback object may track many records (for example all
/// outputs of one input record); the sink creates its delivery handler once per callback object, so producing
/// through it allocates nothing beyond the record.
/// </summary>
public abstract class DeliveryCallback
{
    private Action<DeliveryReport<byte[]?, byte[]>>? _handler;
    private KafkaSink? _sink;

    /// <summary>
    /// Called on a librdkafka thread once per record: <paramref name="error"/> is null when the record was
    /// acknowledged, else the reason it failed (the sink faults as well). Must not block.
    /// </summary>
    protected internal abstract void OnDelivered(string? error);

    /// <summary>Reports one record written by an <see cref="IRecordWriter"/> other than the Kafka sink (null: written).</summary>
    public void Complete(string? error) => OnDelivered(error);

    internal Action<DeliveryReport<byte[]?, byte[]>> HandlerFor(KafkaSink sink)
    {
        // One delegate per callback object, bound to an instance method: no closure.
        _sink ??= sink;
        return _handler ??= Report;
    }

    private void Report(DeliveryReport<byte[]?, byte[]> report)
    {
        _sink!.OnDelivered(report);
        OnDelivered(report.Error.IsError ? KafkaSink.Describe(report) : null);
    }
}
