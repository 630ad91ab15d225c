using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Internal;

namespace ActorStreams.Entities.Merchants;

/// <summary>One merchant: its open tumbling windows, emitted to <c>merchant-metrics</c> when the watermark passes them.</summary>
internal sealed class MerchantEntity(EntityContext<string, MerchantWindowState> context, AnalyticsServices analytics)
    : ShardedEntity<string, MerchantWindowState>(context)
{
    [ThreadStatic]
    private static List<MerchantMetric>? _metrics;

    protected override void Handle(ShardWork work)
    {
        switch (work)
        {
            case AddToWindow add:
                switch (State.Apply(add.Transaction))
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

                break;
            case CloseWindows close:
                Emit(work, (state, output) => state.Advance(close.Watermark, output));
                break;
            case FlushWindows:
                Emit(work, static (state, output) => state.FlushAll(output));
                break;
            default:
                throw new InvalidOperationException($"merchant entity got unknown work {work.GetType().Name}");
        }
    }

    private void Emit(ShardWork work, Func<MerchantWindowState, List<MerchantMetric>, int> close)
    {
        var output = _metrics ??= [];
        output.Clear();
        if (close(State, output) == 0)
        {
            return;
        }

        var encoder = OutputEncoders.Current.MerchantMetric;
        foreach (var metric in output)
        {
            Produce(Services.Kafka.Topics.MerchantMetrics, RecordKeys.For(metric), encoder.Encode(metric), work);
            analytics.Metrics.MerchantMetric();
        }

        output.Clear();
    }
}
