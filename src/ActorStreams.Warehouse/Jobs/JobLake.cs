using ActorStreams.Warehouse.Lake;

namespace ActorStreams.Warehouse.Jobs;

/// <summary>The lake the scheduled jobs read: a directory (the node reads an <c>s3://</c> lake through its local mirror and hands that directory here; an <c>s3://</c> URI is refused with a clear message).</summary>
public static class JobLake
{
    /// <summary>Opens the lake <paramref name="uri"/> names for <paramref name="job"/>.</summary>
    /// <exception cref="WarehouseException">No lake is configured, it is an S3 lake, or the directory does not exist.</exception>
    public static ILakeStore Open(string job, string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Length == 0)
        {
            throw new WarehouseException($"{job}: no lake configured: set {WarehouseSettings.LakeUriKey} (node --lake DIR)");
        }

        if (uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            throw new WarehouseException(
                $"{job}: the lake {uri} is on S3, and the scheduled jobs read a lake directory only for now ({WarehouseSettings.LakeUriKey})");
        }

        return new LakeDirectory(uri);
    }
}
