using ActorStreams.Cli.Inspection.Model;
using Spectre.Console;

namespace ActorStreams.Cli.Inspection;

/// <summary><c>cmd cluster show</c>: one row per member, the answering node marked with <c>*</c>, then <c>Count: N nodes</c>.</summary>
internal static class ClusterTable
{
    public static void Render(IAnsiConsole console, ClusterView view, NodeAddress answeredBy, DateTimeOffset now)
    {
        var group = view.GroupId is { } id ? $"Cluster {id}" : "Cluster";
        var version = view.Version is { } v ? $" (version {v})" : "";
        var self = view.Self is { } s ? $"{s} (*) at {answeredBy}" : answeredBy.ToString();
        console.WriteLine($"{group}{version}, as seen by {self}");
        console.WriteLine();

        var table = InspectionConsole.Table(
            ("NODE ID", false), ("ADDRESS", false), ("STATUS", false), ("PARTITIONS", false), ("ENTITIES", true), ("LAG", true), ("UPTIME", true));
        foreach (var member in view.Members.OrderBy(m => m.NodeId, StringComparer.Ordinal))
        {
            var uptime = member.UptimeSeconds is { } seconds
                ? Formats.Uptime(TimeSpan.FromSeconds(seconds))
                : member.StartedAt is { } started ? Formats.Uptime(now - started) : Formats.None;
            var status = member.Status ?? Formats.None;
            table.AddRow(
                new Text(member.NodeId == view.Self ? member.NodeId + " *" : member.NodeId),
                new Text(member.Address ?? Formats.None),
                new Text(status, InspectionConsole.StatusStyle(status)),
                new Text(Formats.PartitionRanges(member.Partitions)),
                new Text(Formats.Count(member.Entities)),
                new Text(Formats.Count(member.Lag)),
                new Text(uptime));
        }

        console.Write(table);
        console.WriteLine();

        var count = view.Count ?? view.Members.Count;
        var byStatus = view.Members.GroupBy(m => m.Status ?? "unknown").OrderBy(g => StatusRank(g.Key)).ToList();
        var breakdown = byStatus.Count > 1 || byStatus.Any(g => g.Key != "up")
            ? $" ({string.Join(", ", byStatus.Select(g => $"{g.Count()} {g.Key}"))})"
            : "";
        console.WriteLine($"Count: {Formats.Plural(count, "node", "nodes")}{breakdown}");

        var odd = view.Version is null ? [] : view.Members.Where(m => m.Version is not null && m.Version != view.Version).ToList();
        if (odd.Count > 0)
        {
            console.WriteLine($"Mixed versions: {string.Join(", ", odd.Select(m => $"{m.NodeId} runs {m.Version}"))}");
        }
    }

    private static int StatusRank(string status) => status switch
    {
        "up" => 0,
        "leaving" => 1,
        "unreachable" => 2,
        _ => 3,
    };
}
