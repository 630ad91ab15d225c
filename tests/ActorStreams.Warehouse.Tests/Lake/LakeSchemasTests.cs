using ActorStreams.Warehouse.Lake;
using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Warehouse.Tests.Lake;

[Trait("Category", "Unit")]
public sealed class LakeSchemasTests
{
    [Theory]
    [InlineData("transactions")]
    [InlineData("customer_activity")]
    [InlineData("fraud_alerts")]
    [InlineData("churn_alerts")]
    [InlineData("merchant_metrics")]
    [InlineData("dead_letters")]
    public void Expected_Dataset_EqualsTheColumnsDocsLakeMdLists(string dataset)
    {
        var expected = LakeSchemas.Expected(LakeDataset.Find(dataset)!);

        Assert.Equal(
            TestLake.Columns[dataset].Select(c => $"{c.Name} {(c.Type == "TIMESTAMPTZ" ? "TIMESTAMP WITH TIME ZONE" : c.Type)}"),
            expected.Select(c => c.ToString()));
    }

    [Fact]
    public void Expected_EnrichedActivity_NullableFieldsTakeTheirTypeAndEndWithTheKafkaColumns()
    {
        var expected = LakeSchemas.Expected(LakeDataset.EnrichedActivity);

        Assert.Contains(new LakeColumn("fico", "INTEGER"), expected);
        Assert.Contains(new LakeColumn("event_time", "TIMESTAMP WITH TIME ZONE"), expected);
        Assert.Equal(["kafka_partition INTEGER", "kafka_offset BIGINT"], expected.TakeLast(2).Select(c => c.ToString()));
        Assert.DoesNotContain(expected, c => c.Name == "duplicate");
    }
}
