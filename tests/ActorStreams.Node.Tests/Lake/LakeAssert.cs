using ActorStreams.Lake;
using ActorStreams.TestKit;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>Assertions over a lake directory read with DuckDB (<see cref="LakeReader"/>).</summary>
internal static class LakeAssert
{
    /// <summary>
    /// Waits until each dataset of <paramref name="expected"/> holds as many rows as expected; fails naming the datasets
    /// short of rows and the files and chunks in the lake.
    /// </summary>
    public static async Task HoldsAsManyRowsAsync(string root, Dictionary<LakeDataset, List<string>> expected, TimeSpan timeout)
    {
        string Counts() => string.Join(", ", expected.Select(e => $"{e.Key.Name} {LakeReader.Read(root, e.Key).Count}/{e.Value.Count}"));
        var held = await Eventually.HoldsWithin(() => expected.All(e => LakeReader.Read(root, e.Key).Count == e.Value.Count), timeout);
        var (files, chunks) = LakeReader.Files(root);
        Assert.True(held, $"within {timeout.TotalSeconds} s the lake's rows (held/expected) are {Counts()}; files:\n{string.Join('\n', files)}\nchunks:\n{string.Join('\n', chunks)}");
    }

    /// <summary>
    /// Each dataset holds exactly the <paramref name="expected"/> rows (as a multiset: no row missing, none twice), every
    /// file is named after <paramref name="nodeId"/> and its rows' partition and lies in its rows' event hour, the late
    /// transaction lies in hour 04, and no chunk is left.
    /// </summary>
    public static void Exactly(string root, Dictionary<LakeDataset, List<string>> expected, string nodeId)
    {
        foreach (var (dataset, rows) in expected)
        {
            var actual = LakeReader.Read(root, dataset);
            Assert.True(rows.Count > 0, $"the scenario expects {dataset.Name} rows");
            Assert.Equal(rows.Order(StringComparer.Ordinal), actual.Select(r => r.Text).Order(StringComparer.Ordinal));
            foreach (var row in actual)
            {
                Assert.StartsWith($"{dataset.Name}/dt=", row.File, StringComparison.Ordinal);
                Assert.StartsWith($"part-{nodeId}-{row.KafkaPartition}-", Path.GetFileName(row.File), StringComparison.Ordinal);
                if (row.EventTime is { } time)
                {
                    Assert.Equal(new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero), LakeReader.HourOf(row.File));
                }
            }
        }

        var late = Assert.Single(LakeReader.Read(root, LakeDataset.Transactions), r => r.Text.StartsWith($"transaction_id={LakeScenario.LateTransactionId} ", StringComparison.Ordinal));
        Assert.Equal(LakeScenario.Hour5.AddHours(-1), LakeReader.HourOf(late.File));
        Assert.Contains("/dt=2026-11-22/hour=04/", late.File, StringComparison.Ordinal);
        Assert.Contains(LakeReader.Read(root, LakeDataset.Transactions), r => r.Text.Contains(" | duplicate=true | ", StringComparison.Ordinal));
        Assert.Empty(LakeReader.Files(root).Chunks);
    }
}
