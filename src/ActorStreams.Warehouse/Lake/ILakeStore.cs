namespace ActorStreams.Warehouse.Lake;

/// <summary>
/// Where the lake's files are: lists them and makes each readable as a local file for DuckDB. A directory lake
/// (<see cref="LakeDirectory"/>) answers with its own paths; an object-store lake would download the hour's files.
/// </summary>
public interface ILakeStore
{
    /// <summary>The lake's location, for messages and <c>load_log</c>.</summary>
    string Location { get; }

    /// <summary>Every Parquet file of the known datasets, ordered by path.</summary>
    /// <exception cref="WarehouseException">The lake cannot be listed.</exception>
    Task<IReadOnlyList<LakeFile>> ListAsync(CancellationToken cancellationToken);

    /// <summary>A local path holding <paramref name="file"/>'s bytes.</summary>
    Task<string> LocalPathAsync(LakeFile file, CancellationToken cancellationToken);
}
