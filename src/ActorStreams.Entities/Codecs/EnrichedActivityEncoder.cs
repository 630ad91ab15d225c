using System.Text.Json;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>enriched-activity</c> format of docs/design.md §5: <c>activity_id, customer_id, activity_type,
/// propensity_to_churn, ip_address, offer_id, offer_name, offer_url, first_name, last_name, email, gender, income,
/// fico, years_active, churn_score, event_time</c>, then the RFM extension <c>rfm_recency_days, rfm_frequency_30d,
/// rfm_monetary_30d</c>. Every field is always present: a join that found nothing gives JSON <c>null</c>, so the
/// latest record per <c>activity_id</c> replaces the whole row. One caller at a time per instance
/// (see <see cref="IRecordEncoder{T}"/>).
/// </summary>
public sealed class EnrichedActivityEncoder : JsonRecordEncoder<EnrichedActivity>
{
    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, EnrichedActivity record)
    {
        writer.WriteStartObject();
        writer.WriteNumber(N.ActivityId, record.ActivityId);
        writer.WriteNumber(N.CustomerId, record.CustomerId);
        writer.WriteString(N.ActivityType, record.ActivityType);
        writer.WriteNumber(N.PropensityToChurn, record.PropensityToChurn);
        writer.WriteString(N.IpAddress, record.IpAddress);
        JsonFieldWriter.WriteNumberOrNull(writer, N.OfferId, record.OfferId);
        JsonFieldWriter.WriteStringOrNull(writer, N.OfferName, record.OfferName);
        JsonFieldWriter.WriteStringOrNull(writer, N.OfferUrl, record.OfferUrl);
        JsonFieldWriter.WriteStringOrNull(writer, N.FirstName, record.FirstName);
        JsonFieldWriter.WriteStringOrNull(writer, N.LastName, record.LastName);
        JsonFieldWriter.WriteStringOrNull(writer, N.Email, record.Email);
        JsonFieldWriter.WriteStringOrNull(writer, N.Gender, record.Gender);
        JsonFieldWriter.WriteNumberOrNull(writer, N.Income, record.Income);
        JsonFieldWriter.WriteNumberOrNull(writer, N.Fico, record.Fico);
        JsonFieldWriter.WriteNumberOrNull(writer, N.YearsActive, record.YearsActive);
        writer.WriteNumber(N.ChurnScore, record.ChurnScore);
        JsonFieldWriter.WriteTimestamp(writer, N.EventTime, record.EventTime);
        JsonFieldWriter.WriteNumberOrNull(writer, N.RfmRecencyDays, record.RfmRecencyDays);
        writer.WriteNumber(N.RfmFrequency30d, record.RfmFrequency30d);
        writer.WriteNumber(N.RfmMonetary30d, record.RfmMonetary30d);
        writer.WriteEndObject();
    }
}
