using System.Text.Json;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Entities.Codecs;

/// <summary>Writes <c>loan-channels</c> (docs/design.md §5): <c>… conversion_rate, avg_application_duration_s, identity_failure_rate, fraud_alert_rate</c>.</summary>
public sealed class LoanChannelEncoder() : LoanWindowEncoder("channel")
{
    private protected override void WriteFigures(Utf8JsonWriter writer, LoanAggregate sums)
    {
        writer.WriteNumber("conversion_rate", sums.Share(sums.Approved));
        writer.WriteNumber("avg_application_duration_s", sums.Mean(sums.Duration));
        writer.WriteNumber("identity_failure_rate", sums.Share(sums.IdentityFailures));
        writer.WriteNumber("fraud_alert_rate", sums.Share(sums.FraudAlerted));
    }
}
