using System.Text.Json.Nodes;
using ActorStreams.Generator;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>
/// <c>loan-applications</c> records that must go to <c>dead-letter</c> and affect nothing (docs/design.md §3, §5): not
/// JSON, not UTF-8, not an object, a missing field, a wrong type, a value out of range, an unknown channel, product or
/// decision, a key that differs from <c>customer_id</c>, no key. They are stamped far ahead (the time given), so
/// a product that let them move a partition's watermark would make every later application of the partition late.
/// </summary>
public static class BadLoanRecords
{
    private const string Topic = GeneratorDatasets.LoanApplications;

    /// <summary>The bad records, on customers 720001… and 720101….</summary>
    public static IReadOnlyList<PlannedRecord> All(DateTimeOffset time)
    {
        var n = 0;
        LoanApplicationJson App() => new() { ApplicationId = $"bad-loan-{++n}", CustomerId = 720_100 + n, Timestamp = time };
        PlannedRecord Changed(Action<JsonObject> change) => App().ToRecord(change);
        return
        [
            PlannedRecord.Text(Topic, "720001", "this is not json"),
            new PlannedRecord(Topic, "720002"u8.ToArray(), [0xff, 0xfe, 0x00, 0x41, 0x7b]),
            PlannedRecord.Text(Topic, "720003", "[1, 2, 3]"),
            Changed(j => j["credit_score"] = "700"),
            Changed(j => j["credit_score"] = 299),
            Changed(j => j["credit_score"] = 851),
            Changed(j => j["credit_score"] = 700.5m),
            Changed(j => j["channel"] = "fax"),
            Changed(j => j["product"] = "boat"),
            Changed(j => j["decision"] = "maybe"),
            Changed(j => j.Remove("device_id")),
            Changed(j => j["device_id"] = string.Empty),
            Changed(j => j.Remove("application_id")),
            Changed(j => j["loan_amount"] = 0m),
            Changed(j => j["annual_income"] = 0m),
            Changed(j => j["monthly_debt"] = -1.00m),
            Changed(j => j["term_months"] = 0),
            Changed(j => j["employment_years"] = -0.1m),
            Changed(j => j["identity_verification_score"] = 1.001m),
            Changed(j => j["application_duration_s"] = -1.0m),
            Changed(j => j["processing_time_s"] = -0.1m),
            Changed(j => j["timestamp"] = "yesterday"),
            Changed(j => j["customer_id"] = "abc"),
            App().ToRecord(j => j["customer_id"] = 720_999L), // the key is not the customer
            App().ToRecord(keyless: true),
        ];
    }
}
