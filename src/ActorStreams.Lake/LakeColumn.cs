namespace ActorStreams.Lake;

/// <summary>One column of a lake dataset: its name, logical type and whether it may hold null.</summary>
/// <param name="Name">The column's name: the Avro field's name, or <c>duplicate</c>, <c>kafka_partition</c>, <c>kafka_offset</c>.</param>
/// <param name="Type">Its logical type.</param>
/// <param name="Nullable">True for an Avro <c>["null", T]</c> field: the Parquet column is optional.</param>
public sealed record LakeColumn(string Name, LakeColumnType Type, bool Nullable)
{
    /// <summary>The type DuckDB shows for the column (<c>DESCRIBE</c>), as docs/lake.md lists it.</summary>
    public string DuckDbType => Type switch
    {
        LakeColumnType.String or LakeColumnType.Json => "VARCHAR",
        LakeColumnType.Long => "BIGINT",
        LakeColumnType.Int => "INTEGER",
        LakeColumnType.Double => "DOUBLE",
        LakeColumnType.Boolean => "BOOLEAN",
        LakeColumnType.Timestamp => "TIMESTAMP WITH TIME ZONE",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "unknown column type"),
    };
}
