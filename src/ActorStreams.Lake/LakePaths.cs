using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorStreams.Lake;

/// <summary>
/// The keys of the lake's data files (docs/lake.md, Layout): hive partitions by the UTC hour of the rows' event time,
/// <c>&lt;dataset&gt;/dt=YYYY-MM-DD/hour=HH/part-&lt;node&gt;-&lt;partition&gt;-&lt;first offset&gt;.parquet</c>. Keys are
/// relative to the lake's root and separated by <c>/</c>.
/// </summary>
public static class LakePaths
{
    private const string FilePrefix = "part-";
    private const string FileSuffix = ".parquet";

    private static readonly SearchValues<char> NodeIdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>The prefix of every key of <paramref name="dataset"/>: <c>transactions/</c>.</summary>
    public static string DatasetPrefix(LakeDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Name + "/";
    }

    /// <summary>The prefix of the keys of one hour: <c>transactions/dt=2026-11-22/hour=05/</c>.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="eventTime">Any instant of the hour (any offset: it is converted to UTC).</param>
    public static string HourPrefix(LakeDataset dataset, DateTimeOffset eventTime)
    {
        var hour = HourOf(eventTime);
        return string.Create(CultureInfo.InvariantCulture, $"{DatasetPrefix(dataset)}dt={hour:yyyy-MM-dd}/hour={hour:HH}/");
    }

    /// <summary>The UTC hour <paramref name="eventTime"/> falls in.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset eventTime)
    {
        var utc = eventTime.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The key of a data file.</summary>
    /// <param name="dataset">The dataset of its rows.</param>
    /// <param name="eventTime">Any instant of the rows' event-time hour.</param>
    /// <param name="nodeId">The node that decided the rows (see <see cref="ValidateNodeId"/>).</param>
    /// <param name="partition">The pipeline's partition, 0 or more.</param>
    /// <param name="firstOffset">The <c>kafka_offset</c> of the first row, 0 or more.</param>
    /// <exception cref="ArgumentException">The node id would break the layout, or a number is negative.</exception>
    public static string DataFileKey(LakeDataset dataset, DateTimeOffset eventTime, string nodeId, int partition, long firstOffset)
    {
        ValidateNodeId(nodeId);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(firstOffset);
        return string.Create(CultureInfo.InvariantCulture, $"{HourPrefix(dataset, eventTime)}{FilePrefix}{nodeId}-{partition}-{firstOffset}{FileSuffix}");
    }

    /// <summary>
    /// Checks that <paramref name="nodeId"/> can be part of a file name the layout parses back: not empty, at most 128
    /// characters of ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, not starting with <c>.</c>.
    /// </summary>
    /// <exception cref="ArgumentException">It cannot, with the reason.</exception>
    public static void ValidateNodeId(string nodeId)
    {
        if (!IsValidNodeId(nodeId, out var reason))
        {
            throw new ArgumentException($"node id \"{nodeId}\" cannot name lake files: {reason}", nameof(nodeId));
        }
    }

    /// <summary>Parses a data file's key.</summary>
    /// <exception cref="FormatException">The key does not follow the layout.</exception>
    public static LakeDataFile Parse(string key) =>
        TryParse(key, out var file) ? file : throw new FormatException($"\"{key}\" is not a lake data file key (<dataset>/dt=YYYY-MM-DD/hour=HH/part-<node>-<partition>-<first offset>.parquet)");

    /// <summary>Parses a data file's key; false for any other key (a chunk, a temporary file, a malformed name).</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out LakeDataFile? file)
    {
        file = null;
        var parts = key?.Split('/');
        if (parts is not { Length: 4 } || !LakeDataset.TryFromName(parts[0], out var dataset)
            || !parts[1].StartsWith("dt=", StringComparison.Ordinal) || !parts[2].StartsWith("hour=", StringComparison.Ordinal)
            || !DateTime.TryParseExact(parts[1][3..] + "T" + parts[2][5..], "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var hour)
            || !parts[3].StartsWith(FilePrefix, StringComparison.Ordinal) || !parts[3].EndsWith(FileSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = parts[3][FilePrefix.Length..^FileSuffix.Length];
        var offsetDash = name.LastIndexOf('-');
        var partitionDash = offsetDash > 0 ? name.LastIndexOf('-', offsetDash - 1) : -1;
        if (partitionDash <= 0
            || !TryParseCanonical(name[(offsetDash + 1)..], out var offset)
            || !TryParseCanonical(name[(partitionDash + 1)..offsetDash], out var partition) || partition > int.MaxValue)
        {
            return false;
        }

        var nodeId = name[..partitionDash];
        if (!IsValidNodeId(nodeId, out _))
        {
            return false;
        }

        var parsed = new LakeDataFile(dataset, new DateTimeOffset(hour, TimeSpan.Zero), nodeId, (int)partition, offset);
        // Only the canonical spelling counts (hour=05, not hour=5), so that one file has exactly one key.
        file = string.Equals(parsed.Key, key, StringComparison.Ordinal) ? parsed : null;
        return file is not null;
    }

    private static bool TryParseCanonical(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && string.Equals(value.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

    private static bool IsValidNodeId(string? nodeId, [NotNullWhen(false)] out string? reason)
    {
        reason = nodeId switch
        {
            null or "" => "it is empty",
            { Length: > 128 } => "it is longer than 128 characters",
            _ when nodeId[0] == '.' => "it starts with '.'",
            _ when nodeId.AsSpan().IndexOfAnyExcept(NodeIdCharacters) is >= 0 and var bad =>
                $"it contains '{nodeId[bad]}'; use ASCII letters, digits, '-', '_' and '.' only",
            _ => null,
        };
        return reason is null;
    }
}
