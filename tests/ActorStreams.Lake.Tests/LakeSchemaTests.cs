namespace ActorStreams.Lake.Tests;

/// <summary>Every dataset's columns against docs/lake.md: the Avro fields in order, mapped by its type table, then the lake's columns.</summary>
public sealed class LakeSchemaTests
{
    /// <summary>
    /// The expected columns as "name TYPE" with "?" for nullable, written out from schemas/*.avsc and docs/lake.md's
    /// mapping (timestamp-named strings are timestamps, records are JSON text).
    /// </summary>
    public static TheoryData<string, string> Expected => new()
    {
        {
            "transactions",
            "transaction_id VARCHAR, customer_id BIGINT, merchant_id VARCHAR, merchant_category VARCHAR, amount DOUBLE, currency VARCHAR, "
            + "payment_method VARCHAR, device_id VARCHAR, ip_address VARCHAR, latitude DOUBLE?, longitude DOUBLE?, country VARCHAR?, city VARCHAR?, "
            + "timestamp TIMESTAMP WITH TIME ZONE, is_fraud BOOLEAN?, duplicate BOOLEAN, kafka_partition INTEGER, kafka_offset BIGINT"
        },
        {
            "customer_activity",
            "activity_id BIGINT, customer_id BIGINT, activity_type VARCHAR, propensity_to_churn DOUBLE, ip_address VARCHAR, offer_id BIGINT?, "
            + "timestamp TIMESTAMP WITH TIME ZONE?, duplicate BOOLEAN, kafka_partition INTEGER, kafka_offset BIGINT"
        },
        {
            "fraud_alerts",
            "alert_id VARCHAR, rule VARCHAR, customer_id BIGINT, transaction_id VARCHAR, merchant_id VARCHAR, merchant_category VARCHAR, amount DOUBLE, "
            + "event_time TIMESTAMP WITH TIME ZONE, detected_at TIMESTAMP WITH TIME ZONE, severity VARCHAR, details VARCHAR, location VARCHAR?, "
            + "kafka_partition INTEGER, kafka_offset BIGINT"
        },
        {
            "churn_alerts",
            "alert_id VARCHAR, rule VARCHAR?, customer_id BIGINT, activity_id BIGINT?, activity_type VARCHAR?, event_id VARCHAR?, trigger VARCHAR?, "
            + "score DOUBLE, model_score DOUBLE?, previous_score DOUBLE, threshold DOUBLE, model VARCHAR?, model_version VARCHAR?, "
            + "event_time TIMESTAMP WITH TIME ZONE, detected_at TIMESTAMP WITH TIME ZONE, kafka_partition INTEGER, kafka_offset BIGINT"
        },
        {
            "enriched_activity",
            "activity_id BIGINT, customer_id BIGINT, activity_type VARCHAR, propensity_to_churn DOUBLE, ip_address VARCHAR, offer_id BIGINT?, "
            + "offer_name VARCHAR?, offer_url VARCHAR?, first_name VARCHAR?, last_name VARCHAR?, email VARCHAR?, gender VARCHAR?, income BIGINT?, "
            + "fico INTEGER?, years_active INTEGER?, churn_score DOUBLE, event_time TIMESTAMP WITH TIME ZONE, rfm_recency_days DOUBLE?, "
            + "rfm_frequency_30d INTEGER?, rfm_monetary_30d DOUBLE?, kafka_partition INTEGER, kafka_offset BIGINT"
        },
        {
            "merchant_metrics",
            "metric_id VARCHAR, merchant_id VARCHAR, merchant_category VARCHAR, window_start TIMESTAMP WITH TIME ZONE, "
            + "window_end TIMESTAMP WITH TIME ZONE, tx_count BIGINT, total_amount DOUBLE, avg_amount DOUBLE, max_amount DOUBLE, "
            + "fraud_alert_count BIGINT, fraud_labeled_count BIGINT, kafka_partition INTEGER, kafka_offset BIGINT"
        },
        {
            "dead_letters",
            "source_topic VARCHAR, partition INTEGER, offset BIGINT, key VARCHAR?, value VARCHAR?, value_base64 VARCHAR?, error VARCHAR, "
            + "failed_at TIMESTAMP WITH TIME ZONE, kafka_partition INTEGER, kafka_offset BIGINT"
        },
    };

    /// <summary>A schema's columns in the notation of <see cref="Expected"/>.</summary>
    internal static string Describe(LakeSchema schema) =>
        string.Join(", ", schema.Columns.Select(c => $"{c.Name} {c.DuckDbType}{(c.Nullable ? "?" : string.Empty)}"));

    [Theory]
    [Trait("Category", "Unit")]
    [MemberData(nameof(Expected))]
    public void Schema_OfEachDataset_MatchesTheLakeContract(string dataset, string expected)
    {
        var schema = LakeDataset.FromName(dataset).Schema;

        Assert.Equal(expected, Describe(schema));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void All_ListsTheEightDatasetsWithTheirTopicsRawnessAndEventTimes()
    {
        var described = LakeDataset.All.Select(d => $"{d.Name}<{d.Topic} raw={d.IsRaw} {d.EventTimeSource}:{d.EventTimeColumn ?? "-"}");

        Assert.Equal(
        [
            "transactions<transactions raw=True Column:timestamp",
            "customer_activity<customer-activity raw=True ColumnElseRecordTimestamp:timestamp",
            "customer_events<customer-events raw=True Column:timestamp",
            "fraud_alerts<fraud-alerts raw=False Column:event_time",
            "churn_alerts<churn-alerts raw=False Column:event_time",
            "enriched_activity<enriched-activity raw=False Column:event_time",
            "merchant_metrics<merchant-metrics raw=False Column:window_start",
            "dead_letters<dead-letter raw=False RecordTimestamp:-",
        ], described);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void AvroSchemaJson_IsTheRepositorysSchemaFile()
    {
        foreach (var dataset in LakeDataset.All)
        {
            var file = Path.Combine(TestPaths.RepositoryRoot(), "schemas", dataset.Topic + ".avsc");

            Assert.Equal(File.ReadAllText(file), dataset.AvroSchemaJson);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromName_UnknownDataset_ThrowsListingTheDatasets()
    {
        var error = Assert.Throws<ArgumentException>(() => LakeDataset.FromName("loans"));

        Assert.Contains("unknown lake dataset \"loans\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("dead_letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void IndexOf_LakeColumnsAndUnknown_GivesPositionsOrMinusOne()
    {
        var schema = LakeDataset.Transactions.Schema;

        Assert.Equal(schema.Columns.Count - 1, schema.IndexOf(LakeSchema.KafkaOffsetColumn));
        Assert.Equal(schema.FieldCount, schema.IndexOf(LakeSchema.DuplicateColumn));
        Assert.Equal(-1, schema.IndexOf("nope"));
        Assert.Equal(LakeColumnType.Timestamp, schema["timestamp"].Type);
    }
}
