using System.Globalization;
using ActorStreams.Cli.Inspection.Model;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// <c>cmd cluster tail</c>: one line per cluster event, time in UTC like the nodes' logs:
/// <c>05:17:29.123  partitions-assigned  node-1  transactions-0,transactions-1 (120 ms)</c>.
/// </summary>
internal static class EventLine
{
    /// <summary>The width of the type column: the longest event type.</summary>
    private const int TypeWidth = 19;

    public static string Format(string type, ClusterEvent e)
    {
        var time = e.At is { } at ? at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "--:--:--.---";
        var node = e.NodeId ?? Formats.None;
        var detail = Detail(type, e);
        var line = $"{time}  {type.PadRight(TypeWidth)}  {node}";
        return detail.Length == 0 ? line : $"{line}  {detail}";
    }

    private static string Detail(string type, ClusterEvent e)
    {
        var duration = e.DurationMs is { } ms ? $"({Formats.Milliseconds(ms)})" : "";
        var partitions = e.Partitions is { Count: > 0 } list ? Formats.TopicPartitions(list) : e.Partitions is not null ? "(none)" : "";
        var parts = type switch
        {
            "member-up" => [e.Member, e.Address is { } address ? $"at {address}" : null],
            "member-left" => [e.Member],
            "member-unreachable" => [e.Member, e.LastHeartbeat is { } last ? $"(last heartbeat {last.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)})" : null],
            "partitions-assigned" or "partitions-revoked" => [partitions, duration],
            _ => new[] { e.Member, e.Address, partitions, duration },
        };
        return string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));
    }
}
