namespace ActorStreams.Lake.Tests;

public sealed class LakePathsTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void DataFileKey_EventTimeAnyOffset_UsesItsUtcHour()
    {
        var key = LakePaths.DataFileKey(LakeDataset.CustomerActivity, new DateTimeOffset(2026, 11, 22, 1, 17, 29, 123, TimeSpan.FromHours(-5)), "node-1", 4, 1234);

        Assert.Equal("customer_activity/dt=2026-11-22/hour=06/part-node-1-4-1234.parquet", key);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void HourPrefix_MidnightAndDatasetPrefix_AreZeroPadded()
    {
        Assert.Equal("dead_letters/dt=2027-01-01/hour=00/", LakePaths.HourPrefix(LakeDataset.DeadLetters, new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-1))));
        Assert.Equal("merchant_metrics/", LakePaths.DatasetPrefix(LakeDataset.MerchantMetrics));
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("node-1", 0, 0L)]
    [InlineData("actorstreams-7f9c-2.pod-a_b", 11, 9_876_543_210L)]
    [InlineData("n", int.MaxValue, long.MaxValue)]
    public void Parse_KeyItBuilt_GivesBackEveryPart(string nodeId, int partition, long firstOffset)
    {
        var hour = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
        var key = LakePaths.DataFileKey(LakeDataset.FraudAlerts, hour.AddMinutes(59), nodeId, partition, firstOffset);

        var file = LakePaths.Parse(key);

        Assert.Equal(new LakeDataFile(LakeDataset.FraudAlerts, hour, nodeId, partition, firstOffset), file);
        Assert.Equal(key, file.Key);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=5/part-n-1-2.parquet")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=24/part-n-1-2.parquet")]
    [InlineData("fraud_alerts/dt=2026-13-22/hour=05/part-n-1-2.parquet")]
    [InlineData("loans/dt=2026-11-22/hour=05/part-n-1-2.parquet")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=05/part-n-01-2.parquet")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=05/part-n-1-+2.parquet")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=05/part-n-1-2.parquet.tmp")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=05/part-1-2.parquet")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=05/part--1-2.parquet")]
    [InlineData("fraud_alerts/dt=2026-11-22/hour=05/part-n-3000000000-2.parquet")]
    [InlineData("_chunks/customer-1/000001.chunk")]
    [InlineData("x/fraud_alerts/dt=2026-11-22/hour=05/part-n-1-2.parquet")]
    [InlineData("")]
    public void TryParse_KeyOffTheLayout_IsFalse(string key)
    {
        Assert.False(LakePaths.TryParse(key, out var file));
        Assert.Null(file);
        Assert.Throws<FormatException>(() => LakePaths.Parse(key));
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("", "it is empty")]
    [InlineData("node/1", "it contains '/'; use ASCII letters, digits, '-', '_' and '.' only")]
    [InlineData("node 1", "it contains ' '; use ASCII letters, digits, '-', '_' and '.' only")]
    [InlineData("nœud", "it contains 'œ'; use ASCII letters, digits, '-', '_' and '.' only")]
    [InlineData("..", "it starts with '.'")]
    public void DataFileKey_NodeIdBreakingTheLayout_ThrowsWithTheReason(string nodeId, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LakePaths.DataFileKey(LakeDataset.Transactions, DateTimeOffset.UnixEpoch, nodeId, 0, 0));

        Assert.StartsWith($"node id \"{nodeId}\" cannot name lake files: {reason}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void DataFileKey_NegativePartitionOrOffset_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LakePaths.DataFileKey(LakeDataset.Transactions, DateTimeOffset.UnixEpoch, "n", -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LakePaths.DataFileKey(LakeDataset.Transactions, DateTimeOffset.UnixEpoch, "n", 0, -1));
    }
}
