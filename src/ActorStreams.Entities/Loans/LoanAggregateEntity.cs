using ActorStreams.Cluster.Partitions;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Internal;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Loans;

/// <summary>
/// One channel or segment (docs/design.md §6): merges the loan partitions' partials and emits each window once, to
/// <c>loan-stats</c> and <c>loan-channels</c> (a channel) or <c>loan-segments</c> (a segment).
/// </summary>
internal sealed class LoanAggregateEntity(LoanAggregateKind kind, EntityServices services, AnalyticsServices analytics)
    : PartitionEntity<string, LoanAggregateState>(kind, services)
{
    private static readonly IReadOnlyList<ProducerRecord> NoOutputs = [];

    protected override object? Handle(object payload, LoanAggregateState state)
    {
        switch (payload)
        {
            case AddLoanPartial add:
                if (!state.Add(add.WindowStart, add.Source, add.Aggregate))
                {
                    analytics.Metrics.LoanPartialIgnored();
                }

                return NoOutputs;
            case CloseLoanWindows close:
                return Encode(state.Close(close.Watermark));
            case FlushLoanWindows:
                return Encode(state.Flush());
            default:
                throw new InvalidOperationException($"loan aggregate entity got unknown work {payload.GetType().Name}");
        }
    }

    private IReadOnlyList<ProducerRecord> Encode(IReadOnlyList<LoanWindow> windows)
    {
        if (windows.Count == 0)
        {
            return NoOutputs;
        }

        var encoders = OutputEncoders.Current;
        var topics = analytics.Topics;
        var records = new List<ProducerRecord>(windows.Count * 2);
        foreach (var window in windows)
        {
            var key = System.Text.Encoding.UTF8.GetBytes(window.Name);
            if (window.IsChannel)
            {
                records.Add(new ProducerRecord(topics.LoanStats, key, encoders.LoanStats.Encode(window)));
                records.Add(new ProducerRecord(topics.LoanChannels, key, encoders.LoanChannel.Encode(window)));
            }
            else
            {
                records.Add(new ProducerRecord(topics.LoanSegments, key, encoders.LoanSegment.Encode(window)));
            }

            analytics.Metrics.LoanWindow(window.IsChannel);
        }

        return records;
    }
}
