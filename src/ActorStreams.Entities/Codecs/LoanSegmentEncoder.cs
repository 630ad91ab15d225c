using System.Text.Json;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Entities.Codecs;

/// <summary>Writes <c>loan-segments</c> (docs/design.md §5): <c>… avg_credit_score, avg_loan_amount, products {…}</c>.</summary>
public sealed class LoanSegmentEncoder() : LoanWindowEncoder("segment")
{
    private protected override void WriteFigures(Utf8JsonWriter writer, LoanAggregate sums)
    {
        writer.WriteNumber("avg_credit_score", sums.Mean(sums.CreditScore));
        writer.WriteNumber("avg_loan_amount", sums.Mean(sums.LoanAmount));
        writer.WriteStartObject("products");
        for (var i = 0; i < LoanProducts.All.Count; i++)
        {
            writer.WriteNumber(LoanProducts.All[i], sums.Products[i]);
        }

        writer.WriteEndObject();
    }
}
