using System.Globalization;
using System.Text;

namespace ActorStreams.Cli.Inspection;

/// <summary>The compact text forms of the inspection tables: partition ranges, durations, counts.</summary>
internal static class Formats
{
    /// <summary>Shown where a value is unknown.</summary>
    public const string None = "-";

    /// <summary>Sorted, deduplicated partitions with runs collapsed: <c>0-3,8,10-11</c>; <c>-</c> for none.</summary>
    public static string PartitionRanges(IEnumerable<int> partitions)
    {
        var sorted = partitions.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            return None;
        }

        var text = new StringBuilder();
        for (var i = 0; i < sorted.Length;)
        {
            var end = i;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (end > i)
            {
                text.Append('-').Append(sorted[end].ToString(CultureInfo.InvariantCulture));
            }

            i = end + 1;
        }

        return text.ToString();
    }

    /// <summary>
    /// Topic partitions (<c>transactions-0</c>, ...) as written, or grouped per topic with ranges once the plain
    /// list would be long: <c>transactions[0-5] customer-activity[0-5]</c>.
    /// </summary>
    public static string TopicPartitions(IReadOnlyList<string> partitions, int maxPlainLength = 60)
    {
        var plain = string.Join(',', partitions);
        if (plain.Length <= maxPlainLength)
        {
            return plain;
        }

        var byTopic = new List<(string Topic, List<int> Partitions)>();
        var others = new List<string>();
        foreach (var item in partitions)
        {
            var dash = item.LastIndexOf('-');
            if (dash <= 0 || !int.TryParse(item.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
            {
                others.Add(item);
                continue;
            }

            var topic = item[..dash];
            var group = byTopic.FindIndex(g => g.Topic == topic);
            if (group < 0)
            {
                byTopic.Add((topic, [partition]));
            }
            else
            {
                byTopic[group].Partitions.Add(partition);
            }
        }

        return string.Join(' ', byTopic.Select(g => $"{g.Topic}[{PartitionRanges(g.Partitions)}]").Concat(others));
    }

    /// <summary>An uptime to the two leading units: <c>42s</c>, <c>5m03s</c>, <c>1h02m</c>, <c>3d04h</c>.</summary>
    public static string Uptime(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var seconds = (long)span.TotalSeconds;
        return seconds switch
        {
            < 60 => $"{seconds}s",
            < 3600 => $"{seconds / 60}m{seconds % 60:00}s",
            < 86400 => $"{seconds / 3600}h{seconds / 60 % 60:00}m",
            _ => $"{seconds / 86400}d{seconds / 3600 % 24:00}h",
        };
    }

    /// <summary>A configured duration as typed: <c>500ms</c>, <c>5s</c>, <c>1m30s</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan)
        {
            return "ever";
        }

        if (span < TimeSpan.FromSeconds(1) || span.Milliseconds != 0)
        {
            return $"{(long)span.TotalMilliseconds}ms";
        }

        return span.TotalSeconds < 60 ? $"{(long)span.TotalSeconds}s" : Uptime(span);
    }

    /// <summary>How long ago <paramref name="at"/> was: <c>now</c>, <c>2s ago</c>, <c>5m03s ago</c>.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        return age < TimeSpan.FromSeconds(1) ? "just now" : Uptime(age) + " ago";
    }

    /// <summary>A count with thousands separators: <c>1,290</c>; <c>-</c> when unknown.</summary>
    public static string Count(long? value) =>
        value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : None;

    /// <summary>Milliseconds as <c>120 ms</c> or <c>2.4 s</c>.</summary>
    public static string Milliseconds(double value) =>
        value < 10_000
            ? $"{Math.Round(value).ToString("0", CultureInfo.InvariantCulture)} ms"
            : $"{(value / 1000).ToString("0.0", CultureInfo.InvariantCulture)} s";

    /// <summary>"1 node", "3 nodes".</summary>
    public static string Plural(long count, string singular, string plural) =>
        $"{Count(count)} {(count == 1 ? singular : plural)}";
}
