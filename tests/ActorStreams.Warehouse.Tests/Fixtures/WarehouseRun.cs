using System.Globalization;
using ActorStreams.Warehouse.Internal;
using ActorStreams.Warehouse.Lake;

namespace ActorStreams.Warehouse.Tests.Fixtures;

/// <summary>Loads a test lake into its warehouse and reads tables back.</summary>
internal static class WarehouseRun
{
    public static async Task<WarehouseLoadResult> LoadAsync(TestLake lake, LoadSelection? selection = null)
    {
        using var database = WarehouseDatabase.Open(lake.WarehousePath, create: true);
        var loader = new WarehouseLoader(database, new LakeDirectory(lake.Root), WarehouseSettings.Default, TimeProvider.System);
        return await loader.LoadAsync(selection ?? LoadSelection.Pending, CancellationToken.None);
    }

    /// <summary>Every row of <paramref name="table"/> as text, sorted: what a load left, to compare two loads.</summary>
    public static List<string> Rows(TestLake lake, string table, string? where = null)
    {
        using var database = WarehouseDatabase.Open(lake.WarehousePath, create: false);
        var (_, rows) = DuckDb.Query(database.Connection, $"SELECT * FROM {table}{(where is null ? string.Empty : " WHERE " + where)} ORDER BY ALL");
        return [.. rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
    }

    public static object? Scalar(TestLake lake, string sql)
    {
        using var database = WarehouseDatabase.Open(lake.WarehousePath, create: false);
        return DuckDb.Scalar(database.Connection, sql);
    }

    public static LakeHour Hour(int hour) => LakeHour.Of(TestLake.At(hour, 0));
}
