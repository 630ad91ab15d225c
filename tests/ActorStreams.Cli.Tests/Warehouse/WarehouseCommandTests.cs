using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Cli.Tests.Warehouse;

[Trait("Category", "Integration")]
public sealed class WarehouseCommandTests
{
    [Fact]
    public async Task WarehouseLoad_StandardLake_LoadsEveryHourThenFindsNothingToLoad()
    {
        using var lake = TestLake.CreateStandard();
        string[] args = ["warehouse", "load", "--lake", lake.Root, "--warehouse", lake.WarehousePath];

        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Contains("2026-11-22T05  loaded", first.Output, StringComparison.Ordinal);
        Assert.Contains($"Loaded 3 hour(s), {lake.Transactions.Count + lake.Activities.Count + lake.FraudAlerts.Count + 3} rows, from {lake.Root}", first.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal($"Nothing to load from {lake.Root}: 3 hour(s) already loaded with their current files.\n", second.Output);
    }

    [Fact]
    public async Task WarehouseLoad_HourFailingACheck_Exits1WithTheReport()
    {
        using var lake = TestLake.CreateStandard();
        lake.WriteTransactions([new TxRow("t-30", 106, "home", -1, "USD", "US", "Austin", TestLake.At(7, 40), 0, 10)]);

        var result = await CliRunner.RunAsync("warehouse", "load", "--lake", lake.Root, "--warehouse", lake.WarehousePath);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("2026-11-22T07  failed", result.Output, StringComparison.Ordinal);
        Assert.Contains(
            "amount-bounds: transactions 2026-11-22T07 transactions/dt=2026-11-22/hour=07/part-node-1-0-10.parquet: 1 row(s) with amount outside (0, 1000000000000]",
            result.Output,
            StringComparison.Ordinal);
        Assert.Contains("error: 1 hour(s) failed the data-quality checks: 2026-11-22T07", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarehouseLoad_MissingLakeDirectory_Exits1NamingIt()
    {
        using var lake = new TestLake();
        var missing = Path.Combine(lake.Directory, "no-such-lake");

        var result = await CliRunner.RunAsync("warehouse", "load", "--lake", missing, "--warehouse", lake.WarehousePath);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"error: lake directory not found: {missing} (set it with --lake DIR or actorstreams.lake.uri)\n", result.Error);
    }

    [Theory]
    [InlineData("--hour 2026-11-22T05:30Z", "--hour must be an hour such as 2026-11-22T05 or 2026-11-22T05:00Z, got \"2026-11-22T05:30Z\"")]
    [InlineData("--since yesterday", "--since must be an ISO-8601 instant such as 2026-11-22T05:00:00Z, got \"yesterday\"")]
    [InlineData("--hour 2026-11-22T05 --since 2026-11-22T05:00:00Z", "--hour and --since exclude each other")]
    [InlineData("--lake s3://", "actorstreams.lake.uri")]
    [InlineData("--set actorstreams.lake.uri=", "no lake to load: give --lake DIR or set actorstreams.lake.uri")]
    [InlineData("--set actorstreams.warehouse.max-amount=0", "actorstreams.warehouse.max-amount must be a positive number, got \"0\"")]
    [InlineData("--hours 3", "Unrecognized command or argument '--hours'")]
    public async Task WarehouseLoad_BadFlag_Exits2NamingIt(string flags, string message)
    {
        var result = await CliRunner.RunAsync(["warehouse", "load", .. flags.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }
}
