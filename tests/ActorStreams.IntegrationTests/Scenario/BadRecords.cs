using ActorStreams.Generator;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>
/// Records every input topic must send to <c>dead-letter</c> (docs/design.md §3, §5): not JSON, not UTF-8, a missing
/// required field, a wrong type, a value out of range (zero, negative or beyond 10¹² amounts, event times before 1970
/// or more than 365 days after the record's Kafka timestamp), a key that does not match the value, an empty key, no
/// key; and odd records that are valid (<see cref="Accepted"/>).
/// </summary>
public static class BadRecords
{
    private const string Tx = GeneratorDatasets.Transactions;
    private const string Activity = GeneratorDatasets.CustomerActivity;
    private const string Details = GeneratorDatasets.CustomerDetails;
    private const string Offers = GeneratorDatasets.CustomerOffers;

    /// <summary>Bad records of the customer-keyed topics.</summary>
    public static IReadOnlyList<PlannedRecord> Customer() =>
    [
        PlannedRecord.Text(Tx, "42", "this is not json"),
        PlannedRecord.Text(Tx, "43", Transaction(43, amount: null)),
        PlannedRecord.Text(Tx, "44", Transaction(44, amount: "\"abc\"")),
        PlannedRecord.Text(Tx, "45", Transaction(45, amount: "-5.00")),
        PlannedRecord.Text(Tx, "46", Transaction(47, amount: "12.50")),
        PlannedRecord.Text(Tx, null, Transaction(48, amount: "12.50")),
        new PlannedRecord(Tx, "49"u8.ToArray(), [0xff, 0xfe, 0x00, 0x41, 0x7b]),
        PlannedRecord.Text(Tx, "50", "[1, 2, 3]"),
        PlannedRecord.Text(Tx, "61", Transaction(61, amount: "10000000000000")),
        PlannedRecord.Text(Tx, "62", Transaction(62, amount: "1e400")),
        PlannedRecord.Text(Tx, "63", Transaction(63, amount: "\"NaN\"")),
        PlannedRecord.Text(Tx, "64", Transaction(64, amount: "0")),
        PlannedRecord.Text(Tx, "65", Transaction(65, amount: "12.50", timestamp: "1969-12-31T23:59:59.999Z")),
        PlannedRecord.Text(Tx, "66", Transaction(66, amount: "12.50", timestamp: "2999-01-01T00:00:00.000Z")),
        PlannedRecord.Text(Tx, string.Empty, Transaction(67, amount: "12.50")),
        PlannedRecord.Text(Tx, "68", "{\"transaction_id\": \"bad-68\", \"amount\": NaN}"),
        PlannedRecord.Text(Tx, "69", "null"),
        PlannedRecord.Text(Activity, "50", "{not json"),
        PlannedRecord.Text(Activity, "59", """{"activity_id": 880059, "customer_id": 59, "activity_type": "web_open", "propensity_to_churn": 0.5, "ip_address": "10.1.1.1", "offer_id": 1, "timestamp": "1960-01-01T00:00:00.000Z"}"""),
        PlannedRecord.Text(Activity, "51", """{"activity_id": 880051, "customer_id": 51, "activity_type": "web_open", "propensity_to_churn": 1.5, "ip_address": "10.1.1.1", "offer_id": 1, "timestamp": "2026-11-22T00:10:00.000Z"}"""),
        PlannedRecord.Text(Activity, "52", """{"activity_id": 880052, "customer_id": 52, "propensity_to_churn": 0.5, "ip_address": "10.1.1.1", "offer_id": 1, "timestamp": "2026-11-22T00:10:00.000Z"}"""),
        PlannedRecord.Text(Activity, "53", """{"activity_id": 880053, "customer_id": 54, "activity_type": "web_open", "propensity_to_churn": 0.5, "ip_address": "10.1.1.1", "offer_id": 1, "timestamp": "2026-11-22T00:10:00.000Z"}"""),
        PlannedRecord.Text(Activity, "55", """{"activity_id": "not a number", "customer_id": 55, "activity_type": "web_open", "propensity_to_churn": 0.5, "ip_address": "10.1.1.1"}"""),
        PlannedRecord.Text(Details, "56", """{"customer_id": 56, "first_name": "Bad", "last_name": "Fico", "email": "bad@example.com", "gender": "Female", "income": 50000, "fico": "high", "years_active": 3}"""),
        PlannedRecord.Text(Details, "57", """{"customer_id": 58, "first_name": "Key", "last_name": "Mismatch", "email": "key@example.com", "gender": "Male", "income": 50000, "fico": 700, "years_active": 3}"""),
    ];

    /// <summary>
    /// Odd records that are valid: unknown fields (ignored), the largest amount (10¹²), an event time at the Unix epoch,
    /// an activity with neither timestamp nor offer.
    /// </summary>
    public static IReadOnlyList<PlannedRecord> Accepted() =>
    [
        PlannedRecord.Text(Tx, "71", Transaction(71, amount: "12.50", extra: "\"note\": \"retry-safe\", \"tags\": [1, {\"a\": null}], ")),
        PlannedRecord.Text(Tx, "72", Transaction(72, amount: "1000000000000")),
        PlannedRecord.Text(Tx, "73", Transaction(73, amount: "12.50", timestamp: "1970-01-01T00:00:00.000Z")),
        PlannedRecord.Text(Activity, "74", """{"activity_id": 880074, "customer_id": 74, "activity_type": "web_open", "propensity_to_churn": 0.5, "ip_address": "10.1.1.1", "unknown": {"x": 1}}"""),
    ];

    /// <summary>Bad records of the offers table.</summary>
    public static IReadOnlyList<PlannedRecord> Offer() =>
    [
        PlannedRecord.Text(Offers, "7", "not an offer"),
    ];

    private static string Transaction(long customer, string? amount, string timestamp = "2026-11-22T00:10:00.000Z", string extra = "")
    {
        var amountField = amount is null ? string.Empty : $"\"amount\": {amount}, ";
        return $$"""{"transaction_id": "bad-{{customer}}", "customer_id": {{customer}}, {{extra}}"merchant_id": "m-grocery-001", "merchant_category": "grocery", {{amountField}}"currency": "EUR", "payment_method": "credit_card", "device_id": "dev-bad", "ip_address": "10.1.1.1", "timestamp": "{{timestamp}}"}""";
    }
}
