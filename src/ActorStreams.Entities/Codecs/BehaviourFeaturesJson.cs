using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// A customer's behaviour features as a JSON object (docs/design.md §6, Customer behaviour features): every element of
/// the model's vector by its name, then the top categories, the preferred device and the hour and weekday profiles.
/// </summary>
internal static class BehaviourFeaturesJson
{
    /// <summary>Writes the object <paramref name="name"/> with the features as of <paramref name="asOf"/>.</summary>
    public static void Write(Utf8JsonWriter writer, string name, BehaviourFeatures features, EventTime asOf)
    {
        writer.WriteStartObject(name);
        writer.WriteString("as_of", asOf.ToIsoString());
        WriteFields(writer, features);
        writer.WriteEndObject();
    }

    /// <summary>Writes the features as fields of the object being written, without <c>as_of</c>.</summary>
    public static void WriteFields(Utf8JsonWriter writer, BehaviourFeatures features)
    {
        writer.WriteNumber("recency_days", features.RecencyDays);
        writer.WriteNumber("frequency_90d", features.Frequency90d);
        writer.WriteNumber("monetary_90d", features.Monetary90d);
        writer.WriteNumber("tenure_days", features.TenureDays);
        writer.WriteNumber("days_since_last_event", features.DaysSinceLastEvent);
        writer.WriteNumber("events_30d", features.Events30d);
        writer.WriteNumber("events_90d", features.Events90d);
        writer.WriteNumber("purchases_30d", features.Purchases30d);
        writer.WriteNumber("sessions", features.Sessions);
        writer.WriteNumber("avg_session_length_min", features.AvgSessionLengthMinutes);
        writer.WriteNumber("events_per_session", features.EventsPerSession);
        writer.WriteNumber("cart_abandonment_rate", features.CartAbandonmentRate);
        writer.WriteNumber("top_category_share", features.TopCategoryShare);
        writer.WriteNumber("mobile_share", features.MobileShare);
        writer.WriteNumber("desktop_share", features.DesktopShare);
        writer.WriteNumber("weekend_share", features.WeekendShare);
        writer.WriteNumber("night_share", features.NightShare);
        writer.WriteNumber("no_purchase_session_ewma", features.NoPurchaseSessionEwma);
        writer.WriteStartArray("top_categories");
        foreach (var category in features.TopCategories)
        {
            writer.WriteStartObject();
            writer.WriteString("category", category.Category);
            writer.WriteNumber("events", category.Events);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (features.DevicePreference is { } device)
        {
            writer.WriteString("device_preference", device);
        }
        else
        {
            writer.WriteNull("device_preference");
        }

        WriteCounts(writer, "hour_profile", features.HourProfile);
        WriteCounts(writer, "weekday_profile", features.WeekdayProfile);
    }

    private static void WriteCounts(Utf8JsonWriter writer, string name, IReadOnlyList<long> counts)
    {
        writer.WriteStartArray(name);
        foreach (var count in counts)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
    }
}
