using ActorStreams.Churn;
using ActorStreams.Lake;

namespace ActorStreams.Node.Lake;

/// <summary>
/// The <c>customer-events</c> a lake archived (dataset <c>customer_events</c>) as a source for <c>train churn --input
/// &lt;lake&gt;</c> (docs/design.md §6, Churn model): every row turned back into its record, each partition's rows in offset
/// order, which is each customer's order on the topic. Duplicates are kept, as a file keeps the producer's retries, and
/// dropped by <c>event_id</c> the same way.
/// </summary>
public static class LakeCustomerEvents
{
    /// <summary>
    /// The source of <paramref name="lake"/>: the directory itself, or, for an S3 lake, its mirror next to
    /// <paramref name="mirrorNextTo"/> (<c>lake-mirror/&lt;bucket&gt;/&lt;prefix&gt;</c>), brought up to date first, as
    /// <c>warehouse load</c> reads it.
    /// </summary>
    /// <exception cref="ArgumentException">No lake is configured.</exception>
    public static async Task<CustomerEventSource> OpenAsync(LakeSettings lake, string mirrorNextTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var (directory, _, description) = await LakeMirror.ReadableAsync(lake, mirrorNextTo, cancellationToken).ConfigureAwait(false);
        return FromDirectory(directory, description);
    }

    /// <summary>The source of the lake in <paramref name="directory"/>; <paramref name="description"/> names it in messages.</summary>
    public static CustomerEventSource FromDirectory(string directory, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return CustomerEventSource.FromRecords(description ?? directory, cancellationToken => Records(directory, cancellationToken));
    }

    private static IEnumerable<byte[]> Records(string directory, CancellationToken cancellationToken)
    {
        var root = Path.Combine(directory, LakeDataset.CustomerEvents.Name);
        if (!Directory.Exists(root))
        {
            throw new IOException($"the lake {directory} has no {LakeDataset.CustomerEvents.Name} dataset (no {root}): was it written with customer-events archived?");
        }

        var files = Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories)
            .Select(path => (Path: path, Key: Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/')))
            .Select(f => LakePaths.TryParse(f.Key, out var file) && file.Dataset == LakeDataset.CustomerEvents ? (f.Path, File: file) : (f.Path, File: null))
            .Where(f => f.File is not null)
            .GroupBy(f => f.File!.Partition)
            .OrderBy(g => g.Key);
        foreach (var partition in files)
        {
            // A partition's rows are spread over hour files by event time: its records in topic order are all of them by offset.
            var rows = new List<LakeRecord>();
            foreach (var (path, _) in partition.OrderBy(f => f.File!.FirstOffset).ThenBy(f => f.Path, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.AddRange(Read(path, cancellationToken));
            }

            rows.Sort((a, b) => a.KafkaOffset.CompareTo(b.KafkaOffset));
            foreach (var row in rows)
            {
                yield return row.Json;
            }
        }
    }

    private static List<LakeRecord> Read(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            // The trainer reads synchronously on its own thread; the reader's I/O is a local file.
            return LakeParquetReader.ReadAsync(LakeDataset.CustomerEvents, stream, cancellationToken).GetAwaiter().GetResult();
        }
        catch (LakeException ex)
        {
            throw new IOException($"{path}: {ex.Message}", ex);
        }
    }
}
