using System.Globalization;
using ActorStreams.Cli.Inspection.Model;
using Spectre.Console;

namespace ActorStreams.Cli.Inspection;

/// <summary><c>cmd shards show</c>: one row per shard (kind, partition), totals, then the members that did not answer.</summary>
internal static class ShardsTable
{
    public static void Render(IAnsiConsole console, ShardsView view, DateTimeOffset now)
    {
        var table = InspectionConsole.Table(
            ("KIND", false), ("PARTITION", true), ("OWNER", false), ("ENTITIES", true), ("CHECKPOINT", false), ("LAG", true));
        var shards = view.Shards
            .OrderBy(s => s.Kind, StringComparer.Ordinal)
            .ThenBy(s => s.Partition)
            .ToList();
        foreach (var shard in shards)
        {
            // Text cells, not strings: AddRow(string) would read node ids as markup.
            table.AddRow(
                new Text(shard.Kind),
                new Text(shard.Partition.ToString(CultureInfo.InvariantCulture)),
                new Text(shard.Owner ?? Formats.None),
                new Text(Formats.Count(shard.ActiveEntities)),
                new Text(Checkpoint(shard, now)),
                new Text(Formats.Count(shard.Lag), shard.Lag > 0 ? new Style(Color.Yellow) : Style.Plain));
        }

        if (shards.Count > 0)
        {
            console.Write(table);
            console.WriteLine();
        }

        var owners = shards.Select(s => s.Owner).Where(o => o is not null).Distinct(StringComparer.Ordinal).Count();
        var entities = shards.Sum(s => s.ActiveEntities ?? 0);
        var lag = shards.Sum(s => s.Lag ?? 0);
        var kinds = string.Join(", ", shards.GroupBy(s => s.Kind).Select(g => $"{g.Count()} {g.Key}"));
        console.WriteLine(
            $"Total: {Formats.Plural(shards.Count, "shard", "shards")}{(kinds.Length > 0 ? $" ({kinds})" : "")} on {Formats.Plural(owners, "node", "nodes")}, " +
            $"{Formats.Plural(entities, "active entity", "active entities")}, lag {Formats.Count(lag)}");
        if (view.Unreachable.Count > 0)
        {
            console.Write(new Text(
                $"Unreachable (their shards are not listed): {string.Join(", ", view.Unreachable)}\n",
                new Style(Color.Red)));
        }
    }

    private static string Checkpoint(ShardEntry shard, DateTimeOffset now)
    {
        if (shard.LastCheckpointAt is not { } at)
        {
            return shard.CheckpointSequence is > 0 and { } orphan ? $"#{orphan}" : "none yet";
        }

        var sequence = shard.CheckpointSequence is { } s ? $"#{s}, " : "";
        return sequence + Formats.Ago(at, now);
    }
}
