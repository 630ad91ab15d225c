using System.Net;
using System.Text.Json;
using ActorStreams.Cli.Inspection;

namespace ActorStreams.Cli.Tests.Inspection;

[Trait("Category", "Unit")]
public sealed class CmdRenderingTests
{
    private static readonly NodeAddress Node1 = NodeAddress.Parse("127.0.0.1:9110");

    [Fact]
    public async Task ClusterShow_ThreeMembers_TableWithSelfMarkedAndCount()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/cluster", CannedJson.Cluster);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "cluster", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = InspectionHarness.Lines(result.Output);
        Assert.Equal("Cluster actorstreams (version 0.1.0), as seen by node-1 (*) at 127.0.0.1:9110", lines[0]);
        Assert.Equal(["NODE ID", "ADDRESS", "STATUS", "PARTITIONS", "ENTITIES", "LAG", "UPTIME"], Words(lines[2]));
        Assert.Equal(["node-1", "*", "127.0.0.1:9110", "up", "0-3,8", "1,290", "0", "1h02m"], Words(Row(lines, "node-1")));
        Assert.Equal(["node-2", "127.0.0.1:9111", "leaving", "4-7", "56", "12", "42s"], Words(Row(lines, "node-2")));
        Assert.Equal(["node-3", "127.0.0.1:9112", "unreachable", "9-11", "0", "0", "2d04h"], Words(Row(lines, "node-3")));
        Assert.Contains("Count: 3 nodes (1 up, 1 leaving, 1 unreachable)", lines);
        Assert.All(lines, line => Assert.True(line.Length <= 100, line));
        Assert.True(api.Disposed);
    }

    [Fact]
    public async Task ClusterShow_AllUp_CountAlone()
    {
        var json = CannedJson.Cluster.Replace("\"leaving\"", "\"up\"", StringComparison.Ordinal).Replace("\"unreachable\"", "\"up\"", StringComparison.Ordinal);
        var api = new FakeAdminApi(Node1).Answer("/api/cluster", json);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "cluster", "show");

        Assert.Equal("Count: 3 nodes", InspectionHarness.Lines(result.Output).Last(l => l.Length > 0));
    }

    [Fact]
    public async Task ShardsShow_ThreeShards_SortedWithCheckpointAgesTotalsAndUnreachable()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/shards", CannedJson.Shards);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "shards", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = InspectionHarness.Lines(result.Output);
        Assert.Equal(["KIND", "PARTITION", "OWNER", "ENTITIES", "CHECKPOINT", "LAG"], Words(lines[0]));
        Assert.Equal(["customer", "0", "node-1", "310", "#57,", "5m03s", "ago", "5"], Words(lines[1]));
        Assert.Equal(["customer", "1", "node-2", "1,000", "none", "yet", "7"], Words(lines[2]));
        Assert.Equal(["merchant", "0", "node-1", "40", "#12,", "2s", "ago", "0"], Words(lines[3]));
        Assert.Contains("Total: 3 shards (2 customer, 1 merchant) on 2 nodes, 1,350 active entities, lag 12", lines);
        Assert.Contains("Unreachable (their shards are not listed): node-3", lines);
    }

    [Fact]
    public async Task ShardsShow_Local_AsksForTheLocalScope()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/shards?scope=local", CannedJson.Shards);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "shards", "show", "--local");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(["/api/shards?scope=local"], api.Requests);
    }

    [Fact]
    public async Task LagShow_ThreePartitions_SortedRowsAndTotal()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/lag", CannedJson.Lag);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "lag", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = InspectionHarness.Lines(result.Output);
        Assert.Equal(["TOPIC", "PARTITION", "OWNER", "POSITION", "END", "LAG"], Words(lines[0]));
        Assert.Equal(["customer-activity", "0", "node-1", "5,000", "6,234", "1,234"], Words(lines[1]));
        Assert.Equal(["transactions", "0", "node-1", "1,200", "1,200", "0"], Words(lines[2]));
        Assert.Equal(["transactions", "1", "node-2", "1,100", "1,250", "150"], Words(lines[3]));
        Assert.Contains("Total lag: 1,384", lines);
    }

    [Fact]
    public async Task EntityShow_Customer_LocationAndStateTree()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/entities/customer/42", CannedJson.Customer);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "entity", "show", "customer", "42");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = InspectionHarness.Lines(result.Output);
        Assert.Equal(
            [
                "KIND       customer",
                "ID         42",
                "PARTITION  7",
                "OWNER      node-2",
                "SOURCE     in memory (active on its owner)",
                "",
                "STATE",
                "|-- customer_id: 42",
                "|-- fraud",
                "|   |-- transactions: 4",
                "|   |-- max_event_time: 2026-11-22T00:03:10.601Z",
                "|   |-- recent_devices: [dev-1, dev-2]",
                "|   `-- window: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, ... 9 more]",
                "|-- churn",
            ],
            lines[..14]);
        Assert.Contains("|   |-- score: null", lines);
        Assert.Contains("|   `-- flags: {}", lines);
        Assert.Contains("`-- history (2 items)", lines);
        Assert.Contains("    |-- [0]", lines);
        Assert.Contains("    |   |-- amount: 12.5", lines);
        Assert.Contains("        `-- merchant: m-2", lines);
    }

    [Fact]
    public async Task EntityShow_LongArrayOfObjects_CutAfterTwentyItems()
    {
        var items = string.Join(',', Enumerable.Range(0, 25).Select(i => "{\"n\":" + i + "}"));
        var api = new FakeAdminApi(Node1).Answer(
            "/api/entities/merchant/m-1",
            """{"kind":"merchant","id":"m-1","partition":0,"owner":"node-1","in_memory":true,"state":{"recent":[""" + items + "]}}");

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "entity", "show", "merchant", "m-1");

        var lines = InspectionHarness.Lines(result.Output);
        Assert.Contains("`-- recent (25 items)", lines);
        Assert.Contains("    |-- [19]", lines);
        Assert.DoesNotContain("    |-- [20]", lines);
        Assert.Contains("    `-- ... 5 more (the whole state: --json)", lines);
    }

    [Fact]
    public async Task Rendering_TextThatLooksLikeMarkup_PrintedLiterally()
    {
        var api = new FakeAdminApi(Node1)
            .Answer("/api/entities/merchant/m-1", """{"kind":"merchant","id":"m-1","owner":"[n1]","state":{"a[0]":"[red]x[/]","b":["[c]"]}}""")
            .Answer("/api/shards", """{"shards":[{"kind":"merchant","partition":0,"owner":"[n1]","active_entities":1}],"unreachable":["[n2]"]}""");

        var entity = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "entity", "show", "merchant", "m-1");
        var shards = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "shards", "show");

        Assert.Equal(ExitCodes.Ok, entity.ExitCode);
        Assert.Contains("|-- a[0]: [red]x[/]", InspectionHarness.Lines(entity.Output));
        Assert.Contains("`-- b: [[c]]", InspectionHarness.Lines(entity.Output));
        Assert.Contains("OWNER      [n1]", InspectionHarness.Lines(entity.Output));
        Assert.Equal(ExitCodes.Ok, shards.ExitCode);
        Assert.Contains("[n1]", shards.Output, StringComparison.Ordinal);
        Assert.Contains("Unreachable (their shards are not listed): [n2]", InspectionHarness.Lines(shards.Output));
    }

    [Fact]
    public async Task EntityShow_FromTheStore_SaysSo()
    {
        var api = new FakeAdminApi(Node1).Answer(
            "/api/entities/merchant/m%2F1",
            """{"kind":"merchant","id":"m/1","partition":3,"owner":"node-1","in_memory":false,"state":{"count":1}}""");

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "entity", "show", "merchant", "m/1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("SOURCE     the store (passivated, not in memory)", InspectionHarness.Lines(result.Output));
    }

    [Fact]
    public async Task EntityShow_LoanDevice_AsksForTheDeviceEntity()
    {
        var api = new FakeAdminApi(Node1).Answer(
            "/api/entities/loan/device%3Adev-ring-3",
            """{"kind":"loan","id":"device:dev-ring-3","partition":5,"owner":"node-1","in_memory":true,"state":{"device_id":"dev-ring-3","device_shared_alerts":2}}""");

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "entity", "show", "loan", "device:dev-ring-3");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(InspectionHarness.Lines(result.Output), l => l.Contains("device_shared_alerts: 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EntityShow_LoanIdWithoutItsPrefix_Exit2()
    {
        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(new FakeAdminApi(Node1)), "entity", "show", "loan", "dev-ring-3");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("loan entity ids are device:<device_id>, channel:<channel> or segment:<segment>, got \"dev-ring-3\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntityShow_NotFound_MessageAndExit1()
    {
        var api = new FakeAdminApi(Node1).Fail(
            "/api/entities/customer/42", new AdminApiException("customer \"42\" not found", HttpStatusCode.NotFound));

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "entity", "show", "customer", "42");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("error: customer 42 not found (never seen by the cluster)", result.Error.TrimEnd());
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task EntityShow_OwnerUnreachable_TheApisMessage()
    {
        var api = new FakeAdminApi(Node1).Fail(
            "/api/entities/customer/42", new AdminApiException("owner node-3 of customer partition 7 is unreachable", HttpStatusCode.ServiceUnavailable));

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "entity", "show", "customer", "42");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("error: owner node-3 of customer partition 7 is unreachable", result.Error.TrimEnd());
    }

    [Theory]
    [InlineData("/api/cluster", CannedJson.Cluster, "cluster", "show")]
    [InlineData("/api/shards", CannedJson.Shards, "shards", "show")]
    [InlineData("/api/lag", CannedJson.Lag, "lag", "show")]
    [InlineData("/api/entities/customer/42", CannedJson.Customer, "entity", "show", "customer", "42")]
    public async Task Json_AnyShowCommand_PrintsTheApisJsonIndented(string path, string json, params string[] args)
    {
        var api = new FakeAdminApi(Node1).Answer(path, json);

        var before = await InspectionHarness.RunAsync(InspectionHarness.Services(api), ["--json", .. args]);
        var after = await InspectionHarness.RunAsync(InspectionHarness.Services(api), [.. args, "--json"]);

        Assert.Equal(ExitCodes.Ok, before.ExitCode);
        using var expected = JsonDocument.Parse(json);
        using var printed = JsonDocument.Parse(before.Output);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, printed.RootElement));
        Assert.Contains("\n  \"", before.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(before.Output, after.Output);
    }

    [Fact]
    public async Task ClusterLeave_Accepted_SaysTheNodeIsLeaving()
    {
        var api = new FakeAdminApi(Node1).AnswerEmpty("/api/cluster/leave/node-2");

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "cluster", "leave", "node-2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("node-2 is leaving the cluster (handing off its partitions)", result.Output.TrimEnd());
    }

    [Fact]
    public async Task ClusterLeave_UnknownNode_NamesTheMembersAndExit1()
    {
        var api = new FakeAdminApi(Node1)
            .Fail("/api/cluster/leave/node-9", new AdminApiException("unknown node node-9", HttpStatusCode.NotFound))
            .Answer("/api/cluster", CannedJson.Cluster);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "cluster", "leave", "node-9");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("error: node-9 is not a member of the cluster (members: node-1, node-2, node-3)", result.Error.TrimEnd());
    }

    [Fact]
    public async Task ClusterTail_TwoEventsThenTheStreamEnds_TwoLinesThenExit1()
    {
        var api = new FakeAdminApi(Node1)
        {
            EventStream =
                ": keep-alive\n\n" +
                "event: partitions-assigned\n" +
                "data: {\"type\":\"partitions-assigned\",\"node_id\":\"node-1\",\"at\":\"2026-11-22T05:17:29.123Z\",\n" +
                "data:  \"partitions\":[\"transactions-0\",\"transactions-1\"],\"duration_ms\":120}\n\n" +
                "event: member-up\n" +
                "data: {\"type\":\"member-up\",\"node_id\":\"node-1\",\"at\":\"2026-11-22T05:17:30.004Z\",\"member\":\"node-2\",\"address\":\"127.0.0.1:9111\"}\n\n",
        };

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "cluster", "tail");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(
            [
                "05:17:29.123  partitions-assigned  node-1  transactions-0,transactions-1 (120 ms)",
                "05:17:30.004  member-up            node-1  node-2 at 127.0.0.1:9111",
                "",
            ],
            InspectionHarness.Lines(result.Output));
        Assert.Equal("error: the event stream of node at 127.0.0.1:9110 ended: the node stopped or left the cluster", result.Error.TrimEnd());
    }

    [Fact]
    public async Task ClusterTail_Json_OneEventPerLine()
    {
        var api = new FakeAdminApi(Node1)
        {
            EventStream = "event: rebalance-started\ndata: {\"type\":\"rebalance-started\",\ndata: \"node_id\":\"node-1\"}\n\n" +
                          "event: node-leaving\ndata: {\"type\":\"node-leaving\",\"node_id\":\"node-1\"}\n\n",
        };

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "cluster", "tail", "--json");

        Assert.Equal(
            ["""{"type":"rebalance-started","node_id":"node-1"}""", """{"type":"node-leaving","node_id":"node-1"}""", ""],
            InspectionHarness.Lines(result.Output));
    }

    [Fact]
    public async Task ClusterTail_MalformedEvent_ShownAsItCame()
    {
        var api = new FakeAdminApi(Node1) { EventStream = "event: surprise\ndata: not json\n\n" };

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "cluster", "tail");

        Assert.Equal("surprise  not json", InspectionHarness.Lines(result.Output)[0]);
    }

    private static string Row(string[] lines, string nodeId) => lines.Single(l => l.StartsWith(nodeId + " ", StringComparison.Ordinal));

    private static string[] Words(string line)
    {
        // Headers hold one two-word name; columns are at least two spaces apart.
        return line.Contains("NODE ID", StringComparison.Ordinal)
            ? line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
