using ActorStreams.Cluster.Partitions;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Internal;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Loans;

/// <summary>One device (docs/design.md §6): DEVICE_SHARED in event time over the applications of every customer.</summary>
internal sealed class DeviceEntity(DeviceKind kind, EntityServices services, AnalyticsServices analytics)
    : PartitionEntity<string, DeviceState>(kind, services)
{
    private static readonly IReadOnlyList<ProducerRecord> NoOutputs = [];
    private static readonly DeviceOutcome Nothing = new([], NoOutputs);

    protected override object? Handle(object payload, DeviceState state)
    {
        var verdicts = new List<DeviceVerdict>();
        var alerts = new List<LoanFraudAlert>();
        var detectedAt = EventTime.FromDateTimeOffset(analytics.Time.GetUtcNow());
        switch (payload)
        {
            case AddDeviceApplication add:
                if (!state.Add(add.Application, add.Watermark, detectedAt, verdicts, alerts))
                {
                    analytics.Metrics.LoanReplayIgnored();
                }

                break;
            case EvaluateDevice evaluate:
                state.Evaluate(evaluate.Watermark, detectedAt, verdicts, alerts);
                break;
            case FlushDevice:
                state.Flush(detectedAt, verdicts, alerts);
                break;
            default:
                throw new InvalidOperationException($"device entity got unknown work {payload.GetType().Name}");
        }

        if (verdicts.Count == 0 && alerts.Count == 0)
        {
            return Nothing;
        }

        var records = NoOutputs;
        if (alerts.Count > 0)
        {
            var encoder = OutputEncoders.Current.LoanFraudAlert;
            var list = new List<ProducerRecord>(alerts.Count);
            foreach (var alert in alerts)
            {
                list.Add(new ProducerRecord(analytics.Topics.LoanFraudAlerts, RecordKeys.Customer(alert.CustomerId), encoder.Encode(alert)));
                analytics.Metrics.LoanFraudAlert();
            }

            records = list;
        }

        return new DeviceOutcome(verdicts, records);
    }
}
