namespace ActorStreams.Entities.Codecs;

/// <summary>The kinds of funnel record on the merchant repartition topic (the <c>type</c> field).</summary>
public enum FunnelRecordKind
{
    /// <summary><c>"funnel_event"</c>: a customer event for its category's funnel windows, keyed by category.</summary>
    Event,

    /// <summary><c>"funnel_score"</c>: a churn-model score for the segment windows, keyed <c>segments</c>.</summary>
    Score,

    /// <summary><c>"funnel_watermark"</c>: a customer partition's funnel watermark, sent unkeyed to every merchant partition.</summary>
    Watermark,

    /// <summary><c>"funnel_idle"</c>: a customer partition with no customer event for the idle timeout, sent to every merchant partition.</summary>
    Idle,
}
