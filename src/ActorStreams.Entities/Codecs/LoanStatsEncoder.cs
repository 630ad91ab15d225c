using System.Text.Json;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Entities.Codecs;

/// <summary>Writes <c>loan-stats</c> (docs/design.md §5): <c>… approved, rejected, pending, approval_rate, avg_loan_amount, avg_processing_time_s</c>.</summary>
public sealed class LoanStatsEncoder() : LoanWindowEncoder("channel")
{
    private protected override void WriteFigures(Utf8JsonWriter writer, LoanAggregate sums)
    {
        writer.WriteNumber("approved", sums.Approved);
        writer.WriteNumber("rejected", sums.Rejected);
        writer.WriteNumber("pending", sums.Pending);
        writer.WriteNumber("approval_rate", sums.Share(sums.Approved));
        writer.WriteNumber("avg_loan_amount", sums.Mean(sums.LoanAmount));
        writer.WriteNumber("avg_processing_time_s", sums.Mean(sums.ProcessingTime));
    }
}
