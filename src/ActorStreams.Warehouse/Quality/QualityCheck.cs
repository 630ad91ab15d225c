namespace ActorStreams.Warehouse.Quality;

/// <summary>The data-quality checks every load runs before it replaces an hour (docs/lake.md, Warehouse).</summary>
public enum QualityCheck
{
    /// <summary>Each file's columns and DuckDB types equal its dataset's schema; its name has the part-… form.</summary>
    Schema,

    /// <summary>Source offsets are distinct and, over the whole lake, contiguous per topic partition.</summary>
    Offsets,

    /// <summary>No null key.</summary>
    NullKeys,

    /// <summary>No duplicate transaction_id (among non-duplicate rows), activity_id, alert_id or metric_id.</summary>
    DuplicateKeys,

    /// <summary>Amounts are &gt; 0 and at most <c>max-amount</c>.</summary>
    AmountBounds,

    /// <summary>Event times are within the hour of the row's partition directory.</summary>
    EventTime,
}
