using System.Globalization;
using ActorStreams.Cli.Inspection.Model;
using Spectre.Console;

namespace ActorStreams.Cli.Inspection;

/// <summary><c>cmd lag show</c>: consumer lag per topic partition, then <c>Total lag: N</c>.</summary>
internal static class LagTable
{
    public static void Render(IAnsiConsole console, LagView view)
    {
        var table = InspectionConsole.Table(
            ("TOPIC", false), ("PARTITION", true), ("OWNER", false), ("POSITION", true), ("END", true), ("LAG", true));
        var rows = view.Partitions
            .OrderBy(p => p.Topic, StringComparer.Ordinal)
            .ThenBy(p => p.Partition)
            .ToList();
        foreach (var row in rows)
        {
            var lag = row.Lag ?? (row.EndOffset - row.Position);
            table.AddRow(
                new Text(row.Topic),
                new Text(row.Partition.ToString(CultureInfo.InvariantCulture)),
                new Text(row.Owner ?? Formats.None),
                new Text(Formats.Count(row.Position)),
                new Text(Formats.Count(row.EndOffset)),
                new Text(Formats.Count(lag), lag > 0 ? new Style(Color.Yellow) : Style.Plain));
        }

        if (rows.Count > 0)
        {
            console.Write(table);
            console.WriteLine();
        }

        var total = view.Total ?? rows.Sum(r => r.Lag ?? 0);
        console.WriteLine($"Total lag: {Formats.Count(total)}");
        if (view.Unreachable.Count > 0)
        {
            console.Write(new Text(
                $"Unreachable (their partitions are not listed): {string.Join(", ", view.Unreachable)}\n",
                new Style(Color.Red)));
        }
    }
}
