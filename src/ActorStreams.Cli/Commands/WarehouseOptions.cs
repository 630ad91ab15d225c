using System.CommandLine;
using System.Globalization;
using ActorStreams.Hocon;
using ActorStreams.Warehouse;

namespace ActorStreams.Cli.Commands;

/// <summary>Options of the warehouse and report commands, defined once so their names, help and checks agree.</summary>
internal static class WarehouseOptions
{
    public static Option<string?> Warehouse() => new("--warehouse")
    {
        Description = "The warehouse's DuckDB file (default: actorstreams.warehouse.path, data/warehouse.duckdb).",
        HelpName = "path",
    };

    /// <summary>Loads the configuration with <c>--warehouse</c> (and any other overrides) applied and returns the warehouse settings.</summary>
    public static WarehouseSettings Settings(
        CliContext context, string? configFile, string[]? set, string? warehouse, IEnumerable<KeyValuePair<string, string>>? more = null) =>
        Load(context, configFile, set, warehouse, more).Settings;

    /// <summary>Loads the configuration with <c>--warehouse</c> (and any other overrides) applied: the warehouse settings and the whole tree.</summary>
    public static (WarehouseSettings Settings, Config Config) Load(
        CliContext context, string? configFile, string[]? set, string? warehouse, IEnumerable<KeyValuePair<string, string>>? more = null)
    {
        var overrides = CommonOptions.ParseSettings(set).ToList();
        if (warehouse is not null)
        {
            if (warehouse.Trim().Length == 0)
            {
                throw new UsageException("--warehouse must name a file, got \"\"");
            }

            overrides.Add(new($"{WarehouseSettings.Section}.path", warehouse));
        }

        overrides.AddRange(more ?? []);
        Config config = ActorStreamsConfig.Load(context, configFile, overrides);
        return (WarehouseSettings.Create(config), config);
    }

    /// <summary>An ISO-8601 instant (<c>2026-11-22T05:00:00Z</c>; without an offset it is UTC); a bad value is a usage error naming <paramref name="flag"/>.</summary>
    public static DateTimeOffset Instant(string flag, string text)
    {
        if (!text.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw new UsageException($"{flag} must be an ISO-8601 instant such as 2026-11-22T05:00:00Z, got \"{text}\"");
        }

        return instant;
    }
}
