using System.Globalization;
using System.Text.Json.Nodes;
using ActorStreams.Generator;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>
/// A hand-made <c>loan-applications</c> record (docs/design.md §5) with ordinary values that fire no rule; numbers are
/// decimals, so the JSON holds exactly the digits written here.
/// </summary>
public sealed record LoanApplicationJson
{
    public required string ApplicationId { get; init; }

    public required long CustomerId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public string Channel { get; init; } = "web";

    public string Product { get; init; } = "personal";

    public string LoanPurpose { get; init; } = "other";

    public decimal LoanAmount { get; init; } = 10_000.00m;

    public int TermMonths { get; init; } = 36;

    public decimal AnnualIncome { get; init; } = 60_000.00m;

    public decimal MonthlyDebt { get; init; } = 500.00m;

    public int CreditScore { get; init; } = 700;

    public decimal EmploymentYears { get; init; } = 5.0m;

    public decimal IdentityVerificationScore { get; init; } = 0.900m;

    /// <summary>The device; null: <c>dev-&lt;application_id&gt;</c>, a device of its own.</summary>
    public string? DeviceId { get; init; }

    public string IpAddress { get; init; } = "10.7.7.7";

    public decimal ApplicationDurationS { get; init; } = 300.0m;

    public string Decision { get; init; } = "approved";

    public decimal ProcessingTimeS { get; init; } = 60.0m;

    /// <summary>The JSON object, every field present.</summary>
    public JsonObject ToJson() => new()
    {
        ["application_id"] = ApplicationId,
        ["customer_id"] = CustomerId,
        ["timestamp"] = Json.Iso(Timestamp),
        ["channel"] = Channel,
        ["product"] = Product,
        ["loan_purpose"] = LoanPurpose,
        ["loan_amount"] = LoanAmount,
        ["term_months"] = TermMonths,
        ["annual_income"] = AnnualIncome,
        ["monthly_debt"] = MonthlyDebt,
        ["credit_score"] = CreditScore,
        ["employment_years"] = EmploymentYears,
        ["identity_verification_score"] = IdentityVerificationScore,
        ["device_id"] = DeviceId ?? $"dev-{ApplicationId}",
        ["ip_address"] = IpAddress,
        ["application_duration_s"] = ApplicationDurationS,
        ["decision"] = Decision,
        ["processing_time_s"] = ProcessingTimeS,
        ["is_fraud"] = false,
    };

    /// <summary>
    /// The record, keyed by its customer unless <paramref name="key"/> is given (or <paramref name="keyless"/>), with
    /// <paramref name="change"/> applied to the JSON.
    /// </summary>
    public PlannedRecord ToRecord(Action<JsonObject>? change = null, string? key = null, bool keyless = false)
    {
        var json = ToJson();
        change?.Invoke(json);
        return Record(keyless ? null : key ?? CustomerId.ToString(CultureInfo.InvariantCulture), json);
    }

    private static PlannedRecord Record(string? key, JsonObject json) =>
        PlannedRecord.Text(GeneratorDatasets.LoanApplications, key, json.ToJsonString());
}
