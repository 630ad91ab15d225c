using ActorStreams.Lake;
using ActorStreams.Lake.Storage;

namespace ActorStreams.Node.Lake;

/// <summary>
/// A local copy of a lake's data files (its <c>.parquet</c> files, not its chunks), for readers that need a directory
/// (the warehouse reads an S3 lake through one). Files are immutable once written (a rewrite after a recovery is
/// identical), so a file already in the copy is not fetched again.
/// </summary>
public static class LakeMirror
{
    /// <summary>Copies the data files of <paramref name="lake"/> that <paramref name="directory"/> lacks; returns how many it copied.</summary>
    public static async Task<int> SyncAsync(ILakeStorage lake, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        using var local = new DirectoryLakeStorage(directory);
        var copied = 0;
        foreach (var key in await lake.ListAsync("", cancellationToken).ConfigureAwait(false))
        {
            if (!LakePaths.TryParse(key, out _) || await local.ExistsAsync(key, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (await lake.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } bytes)
            {
                await local.PutAsync(key, bytes, cancellationToken).ConfigureAwait(false);
                copied++;
            }
        }

        return copied;
    }
}
