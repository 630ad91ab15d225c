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
    /// <summary>
    /// The directory a reader of the lake <paramref name="lake"/> names reads: the lake itself when it is a directory; for an
    /// S3 lake, its mirror next to the warehouse file (<c>&lt;warehouse folder&gt;/lake-mirror/&lt;bucket&gt;/&lt;prefix&gt;</c>),
    /// brought up to date first. <c>Copied</c> is how many files that fetched (0 for a directory).
    /// </summary>
    /// <exception cref="ArgumentException">The lake is off (no <c>actorstreams.lake.uri</c>).</exception>
    public static async Task<(string Directory, int Copied, string Description)> ReadableAsync(
        LakeSettings lake, string warehousePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentException.ThrowIfNullOrWhiteSpace(warehousePath);
        var location = lake.Location ?? throw new ArgumentException($"no lake configured ({LakeLocation.Key})", nameof(lake));
        if (location.Kind != LakeLocationKind.S3)
        {
            return (location.Directory!, 0, location.ToString());
        }

        var mirror = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath)) ?? ".", "lake-mirror", location.Bucket!, location.Prefix);
        using var storage = LakeStorage.Open(lake);
        var copied = await SyncAsync(storage, mirror, cancellationToken).ConfigureAwait(false);
        return (mirror, copied, storage.Description);
    }

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
