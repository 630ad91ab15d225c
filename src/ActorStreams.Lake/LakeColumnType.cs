namespace ActorStreams.Lake;

/// <summary>The logical type of a lake column (docs/lake.md, Columns), which fixes its Parquet and DuckDB types.</summary>
public enum LakeColumnType
{
    /// <summary>Avro <c>string</c>: BYTE_ARRAY UTF8, DuckDB VARCHAR.</summary>
    String,

    /// <summary>Avro <c>long</c>: INT64, DuckDB BIGINT.</summary>
    Long,

    /// <summary>Avro <c>int</c>: INT32, DuckDB INTEGER.</summary>
    Int,

    /// <summary>Avro <c>double</c>: DOUBLE.</summary>
    Double,

    /// <summary>Avro <c>boolean</c>: BOOLEAN.</summary>
    Boolean,

    /// <summary>An ISO-8601 string field (<c>timestamp</c>, <c>event_time</c>, ...): INT64 TIMESTAMP(MILLIS, UTC), DuckDB TIMESTAMP WITH TIME ZONE.</summary>
    Timestamp,

    /// <summary>A nested Avro record (<c>details</c>, <c>location</c>) kept as its JSON text: BYTE_ARRAY UTF8, DuckDB VARCHAR.</summary>
    Json,
}
