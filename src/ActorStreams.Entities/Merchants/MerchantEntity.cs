using ActorStreams.Cluster.Partitions;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Internal;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Merchants;

/// <summary>One merchant: its open tumbling windows, emitted to <c>merchant-metrics</c> when the watermark passes them.</summary>
internal sealed class MerchantEntity(MerchantKind kind, EntityServices services, AnalyticsServices analytics)
    : PartitionEntity<string, MerchantWindowState>(kind, services)
{
    private static readonly IReadOnlyList<ProducerRecord> NoOutputs = [];

    [ThreadStatic]
    private static List<MerchantMetric>? _metrics;

    protected override object? Handle(object payload, MerchantWindowState state)
    {
        switch (payload)
        {
            case AddToWindow add:
                switch (state.Apply(add.Transaction))
                {
                    case MerchantApplyResult.Applied:
                        analytics.Metrics.MerchantApplied();
                        break;
                    case MerchantApplyResult.Late:
                        analytics.Metrics.MerchantLate();
                        break;
                    case MerchantApplyResult.Duplicate:
                        analytics.Metrics.MerchantDuplicate();
                        break;
                }

                return NoOutputs;
            case CloseWindows close:
                return Emit(state, close.Watermark);
            case FlushWindows:
                return Emit(state, watermark: null);
            default:
                throw new InvalidOperationException($"merchant entity got unknown work {payload.GetType().Name}");
        }
    }

    /// <summary>The metrics of the windows the watermark closes (null: of every open window), as records.</summary>
    /// <remarks>No lambda here: a closure over the watermark would be allocated for every command, adds included.</remarks>
    private IReadOnlyList<ProducerRecord> Emit(MerchantWindowState state, EventTime? watermark)
    {
        var output = _metrics ??= [];
        output.Clear();
        var closed = watermark is { } mark ? state.Advance(mark, output) : state.FlushAll(output);
        if (closed == 0)
        {
            return NoOutputs;
        }

        var encoder = OutputEncoders.Current.MerchantMetric;
        var records = new List<ProducerRecord>(output.Count);
        foreach (var metric in output)
        {
            records.Add(new ProducerRecord(analytics.Topics.MerchantMetrics, RecordKeys.For(metric), encoder.Encode(metric)));
            analytics.Metrics.MerchantMetric();
        }

        output.Clear();
        return records;
    }
}
