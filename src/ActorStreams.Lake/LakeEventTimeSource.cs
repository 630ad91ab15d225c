namespace ActorStreams.Lake;

/// <summary>Where a dataset's rows take the event time that places them in an hour partition (docs/lake.md, Layout).</summary>
public enum LakeEventTimeSource
{
    /// <summary>A required timestamp column of the row.</summary>
    Column,

    /// <summary>An optional timestamp column, else the Kafka record's timestamp (<c>customer_activity</c>).</summary>
    ColumnElseRecordTimestamp,

    /// <summary>The Kafka timestamp of the source record, which the row does not hold (<c>dead_letters</c>).</summary>
    RecordTimestamp,
}
