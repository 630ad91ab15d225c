using System.Globalization;
using System.Text.Json.Nodes;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>Small helpers to write hand-made records in the docs/design.md §5 formats.</summary>
internal static class Json
{
    /// <summary>ISO-8601 UTC with milliseconds, the §5 timestamp format.</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A transaction record.</summary>
    public static string Transaction(
        string id, long customer, DateTimeOffset time, decimal amount, string device, double? lat, double? lon, string merchant, string category, bool isFraud)
    {
        var json = new JsonObject
        {
            ["transaction_id"] = id,
            ["customer_id"] = customer,
            ["merchant_id"] = merchant,
            ["merchant_category"] = category,
            ["amount"] = amount,
            ["currency"] = "EUR",
            ["payment_method"] = "credit_card",
            ["device_id"] = device,
            ["ip_address"] = "10.9.9.9",
        };
        if (lat is { } latitude)
        {
            json["latitude"] = latitude;
        }

        if (lon is { } longitude)
        {
            json["longitude"] = longitude;
        }

        json["timestamp"] = Iso(time);
        json["is_fraud"] = isFraud;
        return json.ToJsonString();
    }

    /// <summary>A customer-activity record; <paramref name="offer"/> null writes <c>"offer_id": null</c> unless <paramref name="omitOffer"/>.</summary>
    public static string Activity(long id, long customer, string type, double propensity, long? offer, DateTimeOffset? time, bool omitOffer = false)
    {
        var json = new JsonObject
        {
            ["activity_id"] = id,
            ["customer_id"] = customer,
            ["activity_type"] = type,
            ["propensity_to_churn"] = propensity,
            ["ip_address"] = "10.8.8.8",
        };
        if (!omitOffer)
        {
            json["offer_id"] = offer;
        }

        if (time is { } t)
        {
            json["timestamp"] = Iso(t);
        }

        return json.ToJsonString();
    }
}
