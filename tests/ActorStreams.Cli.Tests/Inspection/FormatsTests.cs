using ActorStreams.Cli.Inspection;
using ActorStreams.Cli.Inspection.Model;

namespace ActorStreams.Cli.Tests.Inspection;

[Trait("Category", "Unit")]
public sealed class FormatsTests
{
    [Theory]
    [InlineData(new int[0], "-")]
    [InlineData(new[] { 5 }, "5")]
    [InlineData(new[] { 0, 1, 2, 3, 8 }, "0-3,8")]
    [InlineData(new[] { 8, 3, 2, 1, 0, 3 }, "0-3,8")]
    [InlineData(new[] { 0, 2, 4, 5, 10, 11 }, "0,2,4-5,10-11")]
    public void PartitionRanges_Partitions_CompactRanges(int[] partitions, string expected) =>
        Assert.Equal(expected, Formats.PartitionRanges(partitions));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(42.9, "42s")]
    [InlineData(303, "5m03s")]
    [InlineData(3720, "1h02m")]
    [InlineData(3750.5, "1h02m")]
    [InlineData(86399, "23h59m")]
    [InlineData(187200, "2d04h")]
    [InlineData(-5, "0s")]
    public void Uptime_Seconds_TwoLeadingUnits(double seconds, string expected) =>
        Assert.Equal(expected, Formats.Uptime(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(5000, "5s")]
    [InlineData(1500, "1500ms")]
    [InlineData(90000, "1m30s")]
    public void Duration_Milliseconds_AsTyped(int milliseconds, string expected) =>
        Assert.Equal(expected, Formats.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void TopicPartitions_Few_AsWritten() =>
        Assert.Equal("transactions-0,transactions-1", Formats.TopicPartitions(["transactions-0", "transactions-1"]));

    [Fact]
    public void TopicPartitions_Many_GroupedPerTopicWithRanges()
    {
        string[] partitions = [.. Enumerable.Range(0, 12).Select(p => $"transactions-{p}"), .. Enumerable.Range(0, 6).Select(p => $"customer-activity-{p}"), "odd"];

        Assert.Equal("transactions[0-11] customer-activity[0-5] odd", Formats.TopicPartitions(partitions));
    }

    [Theory]
    [InlineData(null, "-")]
    [InlineData(0L, "0")]
    [InlineData(1290L, "1,290")]
    [InlineData(1234567L, "1,234,567")]
    public void Count_Value_ThousandsSeparators(long? value, string expected) => Assert.Equal(expected, Formats.Count(value));

    [Theory]
    [InlineData("member-up", """{"node_id":"node-1","at":"2026-11-22T05:17:29.123Z","member":"node-2","address":"127.0.0.1:9111"}""", "05:17:29.123  member-up            node-1  node-2 at 127.0.0.1:9111")]
    [InlineData("member-left", """{"node_id":"node-1","at":"2026-11-22T05:17:29.123Z","member":"node-2"}""", "05:17:29.123  member-left          node-1  node-2")]
    [InlineData("member-unreachable", """{"node_id":"node-1","at":"2026-11-22T05:17:29.123Z","member":"node-3","last_heartbeat":"2026-11-22T05:17:20.5Z"}""", "05:17:29.123  member-unreachable   node-1  node-3 (last heartbeat 05:17:20.500)")]
    [InlineData("rebalance-started", """{"node_id":"node-1","at":"2026-11-22T05:17:29.123Z"}""", "05:17:29.123  rebalance-started    node-1")]
    [InlineData("partitions-revoked", """{"node_id":"node-2","at":"2026-11-22T05:17:29.123Z","partitions":["transactions-4"],"duration_ms":15320.4}""", "05:17:29.123  partitions-revoked   node-2  transactions-4 (15.3 s)")]
    [InlineData("partitions-assigned", """{"node_id":"node-1","at":"2026-11-22T05:17:29.123Z","partitions":["transactions-0","transactions-1"],"duration_ms":120}""", "05:17:29.123  partitions-assigned  node-1  transactions-0,transactions-1 (120 ms)")]
    [InlineData("partitions-assigned", """{"node_id":"node-1","at":"2026-11-22T05:17:29.123Z","partitions":[],"duration_ms":3}""", "05:17:29.123  partitions-assigned  node-1  (none) (3 ms)")]
    [InlineData("rebalance-finished", """{"node_id":"node-1","at":"2026-11-22T05:17:29.123Z","duration_ms":350}""", "05:17:29.123  rebalance-finished   node-1  (350 ms)")]
    [InlineData("node-leaving", """{"node_id":"node-2","at":"2026-11-22T05:17:29.123+01:00"}""", "04:17:29.123  node-leaving         node-2")]
    public void EventLine_EachType_OneReadableLineInUtc(string type, string json, string expected)
    {
        var e = System.Text.Json.JsonSerializer.Deserialize(json, AdminJsonContext.Default.ClusterEvent)!;

        Assert.Equal(expected, EventLine.Format(type, e));
    }
}
