using System.Text.Json.Serialization;

namespace ActorStreams.Domain.Enrichment;

/// <summary>
/// A record of the <c>enriched-activity</c> topic: the activity LEFT JOIN the customer's details
/// LEFT JOIN the offer (docs/design.md §5, §6), with the churn score and RFM features at processing.
/// Plain data for snake_case serialization.
/// </summary>
public sealed record EnrichedActivity
{
    /// <summary><c>activity_id</c>: the key; the latest record per id is the current join.</summary>
    public required long ActivityId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required long CustomerId { get; init; }

    /// <summary><c>activity_type</c>.</summary>
    public required string ActivityType { get; init; }

    /// <summary><c>propensity_to_churn</c>.</summary>
    public required double PropensityToChurn { get; init; }

    /// <summary><c>ip_address</c>.</summary>
    public required string IpAddress { get; init; }

    /// <summary><c>offer_id</c>, null when the activity has none.</summary>
    public long? OfferId { get; init; }

    /// <summary><c>offer_name</c>, null when the offer is absent or unknown.</summary>
    public string? OfferName { get; init; }

    /// <summary><c>offer_url</c>, null when the offer is absent or unknown.</summary>
    public string? OfferUrl { get; init; }

    /// <summary><c>first_name</c>, null without details.</summary>
    public string? FirstName { get; init; }

    /// <summary><c>last_name</c>, null without details.</summary>
    public string? LastName { get; init; }

    /// <summary><c>email</c>, null without details.</summary>
    public string? Email { get; init; }

    /// <summary><c>gender</c>, null without details.</summary>
    public string? Gender { get; init; }

    /// <summary><c>income</c>, null without details.</summary>
    public long? Income { get; init; }

    /// <summary><c>fico</c>, null without details.</summary>
    public int? Fico { get; init; }

    /// <summary><c>years_active</c>, null without details.</summary>
    public int? YearsActive { get; init; }

    /// <summary><c>churn_score</c> after this activity; unchanged by re-emission.</summary>
    public required double ChurnScore { get; init; }

    /// <summary><c>event_time</c>: the activity's timestamp, or its processing time when absent.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary><c>rfm_recency_days</c>: days since the newest transaction, null when none.</summary>
    public double? RfmRecencyDays { get; init; }

    // Explicit names: a snake_case policy would write "rfm_frequency30d" (digits do not start a word).

    /// <summary><c>rfm_frequency_30d</c>: transactions in the RFM window (whole UTC days, see <see cref="RfmState"/>).</summary>
    [JsonPropertyName("rfm_frequency_30d")]
    public required int RfmFrequency30d { get; init; }

    /// <summary><c>rfm_monetary_30d</c>: their amount sum.</summary>
    [JsonPropertyName("rfm_monetary_30d")]
    public required decimal RfmMonetary30d { get; init; }
}
