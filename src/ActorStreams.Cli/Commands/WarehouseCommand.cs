using System.CommandLine;
using System.Globalization;
using ActorStreams.Cli.Inspection;
using ActorStreams.Hocon;
using ActorStreams.Lake;
using ActorStreams.Node.Lake;
using ActorStreams.Warehouse;
using ActorStreams.Warehouse.Lake;
using Spectre.Console;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams warehouse load [--hour H | --since T] [--lake DIR] [--warehouse PATH]</c>: lake hours checked and loaded
/// into the warehouse (docs/lake.md, Warehouse).
/// </summary>
internal static class WarehouseCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("warehouse", "The warehouse: the lake's Parquet files loaded hour by hour into an embedded DuckDB database (docs/lake.md).");
        command.Subcommands.Add(Load(context));
        return command;
    }

    private static Command Load(CliContext context)
    {
        var command = new Command(
            "load",
            "Check and load lake hours into the warehouse. Without --hour or --since: every hour of the lake not loaded yet or whose files changed " +
            "since its last load. Each hour runs the data-quality checks first; an hour that fails one replaces nothing, its findings are printed " +
            "and recorded in load_log and quality_results, and the command exits with 1. Loading an hour again replaces it.");
        var hour = new Option<string?>("--hour") { Description = "Load this hour only, e.g. 2026-11-22T05 or 2026-11-22T05:00Z.", HelpName = "hour" };
        var since = new Option<string?>("--since") { Description = "Load every hour of the lake that ends after this ISO-8601 instant, loaded or not.", HelpName = "instant" };
        var lake = new Option<string?>("--lake") { Description = "The lake: a directory or s3://bucket/prefix, mirrored next to the warehouse file first (default: actorstreams.lake.uri).", HelpName = "dir|s3://bucket/prefix" };
        var warehouse = WarehouseOptions.Warehouse();
        var configFile = CommonOptions.ConfigFile();
        var set = CommonOptions.Set();
        foreach (var option in new Option[] { hour, since, lake, warehouse, configFile, set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var selection = Selection(parse.GetValue(hour), parse.GetValue(since));
            var lakeFlag = parse.GetValue(lake);
            KeyValuePair<string, string>[] more = lakeFlag is null ? [] : [new(WarehouseSettings.LakeUriKey, lakeFlag)];
            var (settings, config) = WarehouseOptions.Load(context, parse.GetValue(configFile), parse.GetValue(set), parse.GetValue(warehouse), more);
            var store = await StoreAsync(context, settings, config, ct).ConfigureAwait(false);
            using var database = WarehouseDatabase.Open(settings.Path, create: true);
            var result = await new WarehouseLoader(database, store, settings, TimeProvider.System).LoadAsync(selection, ct).ConfigureAwait(false);
            return await ReportAsync(context, result, store, settings).ConfigureAwait(false);
        });
        return command;
    }

    private static LoadSelection Selection(string? hour, string? since)
    {
        if (hour is not null && since is not null)
        {
            throw new UsageException("--hour and --since exclude each other: give one of them");
        }

        if (hour is not null)
        {
            return LakeHour.TryParse(hour, out var parsed)
                ? new LoadSelection(Hour: parsed)
                : throw new UsageException($"--hour must be an hour such as 2026-11-22T05 or 2026-11-22T05:00Z, got \"{hour}\"");
        }

        return since is null ? LoadSelection.Pending : new LoadSelection(Since: WarehouseOptions.Instant("--since", since));
    }

    /// <summary>
    /// The lake to load: a directory as it is; an <c>s3://</c> lake through a local mirror of its data files next to the
    /// warehouse file (<c>&lt;warehouse folder&gt;/lake-mirror/&lt;bucket&gt;/&lt;prefix&gt;</c>), brought up to date first.
    /// </summary>
    private static async Task<LakeDirectory> StoreAsync(CliContext context, WarehouseSettings settings, Config config, CancellationToken cancellationToken)
    {
        var uri = settings.LakeUri;
        if (uri.Length == 0)
        {
            throw new UsageException($"no lake to load: give --lake DIR or set {WarehouseSettings.LakeUriKey}");
        }

        if (!uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return new LakeDirectory(uri);
        }

        var (mirror, copied, description) = await LakeMirror.ReadableAsync(LakeSettings.Create(config), settings.Path, cancellationToken).ConfigureAwait(false);
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Mirrored {copied} new file(s) of {description} into {mirror}.")).ConfigureAwait(false);
        return new LakeDirectory(mirror);
    }

    private static async Task<int> ReportAsync(CliContext context, WarehouseLoadResult result, LakeDirectory store, WarehouseSettings settings)
    {
        if (result.Hours.Count == 0)
        {
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Nothing to load from {store.Root}: {result.Unchanged} hour(s) already loaded with their current files.")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var console = InspectionConsole.Create(context.Output);
        var table = InspectionConsole.Table(("HOUR", false), ("STATUS", false), ("FILES", true), ("ROWS", true), ("FAILED CHECKS", false));
        foreach (var hour in result.Hours)
        {
            table.AddRow(
                new Text(hour.Hour.ToString()),
                new Text(hour.Status == HourLoadStatus.Loaded ? "loaded" : "failed", hour.Status == HourLoadStatus.Loaded ? new Style(Color.Green) : new Style(Color.Red)),
                new Text(hour.Files.Count.ToString(CultureInfo.InvariantCulture)),
                new Text(hour.TotalRows.ToString(CultureInfo.InvariantCulture)),
                new Text(string.Join(", ", hour.Findings.Select(f => f.CheckName).Distinct())));
        }

        console.Write(table);
        var failed = result.Hours.Where(h => h.Status == HourLoadStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            await context.Output.WriteLineAsync().ConfigureAwait(false);
            await context.Output.WriteLineAsync("Data-quality report (nothing of these hours was replaced):").ConfigureAwait(false);
            foreach (var finding in failed.SelectMany(h => h.Findings))
            {
                await context.Output.WriteLineAsync("  " + finding).ConfigureAwait(false);
            }
        }

        var loaded = result.Hours.Where(h => h.Status == HourLoadStatus.Loaded).ToList();
        await context.Output.WriteLineAsync().ConfigureAwait(false);
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {loaded.Count} hour(s), {loaded.Sum(h => h.TotalRows)} rows, from {store.Root} into {settings.Path}; {failed.Count} failed, {result.Unchanged} unchanged.")).ConfigureAwait(false);
        if (failed.Count > 0)
        {
            await context.Error.WriteLineAsync(
                $"error: {failed.Count} hour(s) failed the data-quality checks: {string.Join(", ", failed.Select(h => h.Hour))} (see load_log and quality_results)").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }
}
