namespace ActorStreams.Warehouse.Lake;

/// <summary>A column of a lake file as DuckDB reads it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its DuckDB type, as <c>DESCRIBE</c> shows it: <c>VARCHAR</c>, <c>TIMESTAMP WITH TIME ZONE</c>, ….</param>
public sealed record LakeColumn(string Name, string Type)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Type}";
}
