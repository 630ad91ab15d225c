using System.Globalization;
using ActorStreams.Domain;
using ActorStreams.Generator.Internal;

namespace ActorStreams.Generator;

/// <summary>
/// The ground truth of a <c>customer-events</c> run: every customer's latent segment and churn time, which the events
/// only hint at. Fixed when the stream is opened (it depends on the seed, the settings and the start only), so it is
/// complete even when a count stops the events early. Written as CSV next to the events by <c>generate</c>.
/// </summary>
public sealed class ChurnGroundTruth
{
    /// <summary>The first line of the CSV form.</summary>
    public const string CsvHeader = "customer_id,segment,churned_at";

    private readonly CustomerTruth[] _customers;

    internal ChurnGroundTruth(EventTime periodStart, EventTime periodEnd, CustomerTruth[] customers)
    {
        PeriodStart = periodStart.ToDateTimeOffset();
        PeriodEnd = periodEnd.ToDateTimeOffset();
        _customers = customers;
        ChurnedCount = customers.Count(c => c.ChurnedAt is not null);
    }

    /// <summary>The start of the simulated period: the stream's start.</summary>
    public DateTimeOffset PeriodStart { get; }

    /// <summary>The end of the simulated period (exclusive): no event is at or after it, and a customer without a churn time had not churned by then.</summary>
    public DateTimeOffset PeriodEnd { get; }

    /// <summary>Every customer, ordered by id: customer <c>n</c> is at index <c>n - 1</c>.</summary>
    public IReadOnlyList<CustomerTruth> Customers => _customers;

    /// <summary>Customers who churned within the period.</summary>
    public int ChurnedCount { get; }

    /// <summary>A segment as the CSV names it: <c>loyal</c>, <c>occasional</c>, <c>bargain</c> or <c>at-risk</c>.</summary>
    public static string SegmentName(CustomerSegment segment) => segment switch
    {
        CustomerSegment.Loyal => "loyal",
        CustomerSegment.Occasional => "occasional",
        CustomerSegment.Bargain => "bargain",
        CustomerSegment.AtRisk => "at-risk",
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "not a customer segment"),
    };

    /// <summary>
    /// Writes <see cref="CsvHeader"/>, then one line per customer ordered by id, <c>\n</c>-terminated:
    /// <c>17,at-risk,2026-03-14T10:22:31.412Z</c>, or <c>18,loyal,</c> (empty churned_at) for one who did not churn.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> utf8 = stackalloc byte[IsoTimestamp.Length];
        Span<char> timestamp = stackalloc char[IsoTimestamp.Length];
        writer.Write(CsvHeader);
        writer.Write('\n');
        foreach (var customer in _customers)
        {
            writer.Write(customer.CustomerId.Value.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(SegmentName(customer.Segment));
            writer.Write(',');
            if (customer.ChurnedAt is { } churnedAt)
            {
                IsoTimestamp.Format(EventTime.FromDateTimeOffset(churnedAt).Ticks, utf8);
                for (var i = 0; i < utf8.Length; i++)
                {
                    timestamp[i] = (char)utf8[i];
                }

                writer.Write(timestamp);
            }

            writer.Write('\n');
        }
    }

    /// <summary>A one-line summary, e.g. <c>1000 customers (loyal 300, occasional 350, bargain 200, at-risk 150), 312 churned</c>.</summary>
    public override string ToString()
    {
        var bySegment = Enum.GetValues<CustomerSegment>()
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{SegmentName(s)} {_customers.Count(c => c.Segment == s)}"));
        return string.Create(CultureInfo.InvariantCulture, $"{_customers.Length} customers ({string.Join(", ", bySegment)}), {ChurnedCount} churned");
    }
}
