using System.Globalization;

namespace ActorStreams.Entities.Tests.Support;

/// <summary>Valid <c>transactions</c> records for tests.</summary>
internal static class TransactionJson
{
    public static string Valid(long customerId) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"transaction_id":"t-{{customerId}}","customer_id":{{customerId}},"merchant_id":"m-7","merchant_category":"grocery","amount":120.5,"currency":"EUR","payment_method":"card","device_id":"d-{{customerId}}","ip_address":"10.0.0.1","latitude":48.85,"longitude":2.35,"country":"FR","city":"Paris","timestamp":"2026-11-22T05:17:29.123Z","is_fraud":false}""");
}
