using System.Text;

namespace ActorStreams.Lake.Tests;

public sealed class LakeRowTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_FullTransaction_TypesEveryColumnAndIgnoresUnknownFields()
    {
        var row = SampleRecords.Row(LakeDataset.Transactions, SampleRecords.Full(LakeDataset.Transactions, 4), partition: 5, offset: 1234, duplicate: true);

        Assert.Equal("tx-4", row["transaction_id"]);
        Assert.Equal(1004L, row["customer_id"]);
        Assert.Equal(16.5, row["amount"]);
        Assert.Equal(48.85, row["latitude"]);
        Assert.Equal("Paris", row["city"]);
        Assert.Equal(false, row["is_fraud"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 17, 29, 123, TimeSpan.Zero), row["timestamp"]);
        Assert.Equal(true, row["duplicate"]);
        Assert.Equal(5, row["kafka_partition"]);
        Assert.Equal(1234L, row["kafka_offset"]);
        Assert.True(row.Duplicate);
        Assert.Equal(5, row.KafkaPartition);
        Assert.Equal(1234L, row.KafkaOffset);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 17, 29, 123, TimeSpan.Zero), row.EventTime);
        Assert.Equal(Encoding.UTF8.GetByteCount(SampleRecords.Full(LakeDataset.Transactions, 4)), row.ApproximateBytes);
        Assert.Equal(LakeDataset.Transactions.Schema.Columns.Count, row.Values.Count);
        Assert.Throws<KeyNotFoundException>(() => row["unknown_field"]);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_OptionalFieldsAbsentOrNull_GivesNulls()
    {
        var absent = SampleRecords.Row(LakeDataset.Transactions, SampleRecords.Minimal(LakeDataset.Transactions));
        var nulls = SampleRecords.Row(LakeDataset.Transactions, SampleRecords.Minimal(LakeDataset.Transactions)
            .Replace("\"timestamp\"", "\"latitude\":null,\"longitude\":null,\"country\":null,\"city\":null,\"is_fraud\":null,\"timestamp\"", StringComparison.Ordinal));

        foreach (var row in new[] { absent, nulls })
        {
            Assert.Null(row["latitude"]);
            Assert.Null(row["longitude"]);
            Assert.Null(row["country"]);
            Assert.Null(row["city"]);
            Assert.Null(row["is_fraud"]);
            Assert.Equal(false, row["duplicate"]);
            Assert.Equal(1.0, row["amount"]);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_NestedRecords_KeepTheirJsonText()
    {
        var row = SampleRecords.Row(LakeDataset.FraudAlerts, SampleRecords.Full(LakeDataset.FraudAlerts));
        var minimal = SampleRecords.Row(LakeDataset.FraudAlerts, SampleRecords.Minimal(LakeDataset.FraudAlerts));

        Assert.Equal("""{"threshold":2000.0,"late":false}""", row["details"]);
        Assert.Equal("""{"lat":48.85,"lon":2.35}""", row["location"]);
        Assert.Equal("{}", minimal["details"]);
        Assert.Null(minimal["location"]);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_ActivityWithoutTimestamp_TakesTheRecordTimestampAsEventTime()
    {
        var row = SampleRecords.Row(LakeDataset.CustomerActivity, SampleRecords.Minimal(LakeDataset.CustomerActivity));
        var error = Assert.Throws<LakeException>(() => LakeRow.FromJson(
            LakeDataset.CustomerActivity, Encoding.UTF8.GetBytes(SampleRecords.Minimal(LakeDataset.CustomerActivity)), 1, 2));

        Assert.Null(row["timestamp"]);
        Assert.Null(row["offer_id"]);
        Assert.Equal(SampleRecords.RecordTimestamp, row.EventTime);
        Assert.Equal("dataset customer_activity, partition 1 offset 2: the event time is unknown: \"timestamp\" is absent and no Kafka timestamp was given",
            error.Message);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_ActivityWithTimestamp_PrefersItOverTheRecordTimestamp()
    {
        var row = SampleRecords.Row(LakeDataset.CustomerActivity, SampleRecords.Full(LakeDataset.CustomerActivity));

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero), row.EventTime);
        Assert.Equal(7L, row["offer_id"]);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_DeadLetter_TakesTheSourceRecordsKafkaTimestampAndRequiresIt()
    {
        var json = Encoding.UTF8.GetBytes(SampleRecords.Full(LakeDataset.DeadLetters));
        var row = LakeRow.FromJson(LakeDataset.DeadLetters, json, 0, 9, recordTimestamp: new DateTimeOffset(2026, 11, 22, 3, 0, 0, 999, TimeSpan.FromHours(2)));
        var error = Assert.Throws<LakeException>(() => LakeRow.FromJson(LakeDataset.DeadLetters, json, 0, 9));

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 0, 0, 999, TimeSpan.Zero), row.EventTime);
        Assert.Equal(TimeSpan.Zero, row.EventTime.Offset);
        Assert.Equal(3, row["partition"]);
        Assert.Equal(77L, row["offset"]);
        Assert.Null(row["value_base64"]);
        Assert.Equal("dataset dead_letters, partition 0 offset 9: the event time is unknown: the source record's Kafka timestamp is required", error.Message);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("2026-11-22T05:17:29.123Z", "2026-11-22T05:17:29.1230000+00:00")]
    [InlineData("2026-11-22T05:17:29Z", "2026-11-22T05:17:29.0000000+00:00")]
    [InlineData("2026-11-22T05:17:29.1239999Z", "2026-11-22T05:17:29.1230000+00:00")]
    [InlineData("2026-11-22T07:17:29.5+02:00", "2026-11-22T05:17:29.5000000+00:00")]
    [InlineData("1969-12-31T23:59:59.9995Z", "1969-12-31T23:59:59.9990000+00:00")]
    public void FromJson_Timestamps_ParseToUtcMilliseconds(string text, string expected)
    {
        var json = SampleRecords.Full(LakeDataset.ChurnAlerts).Replace("2026-11-22T07:59:59.999Z", text, StringComparison.Ordinal);

        var row = SampleRecords.Row(LakeDataset.ChurnAlerts, json);

        Assert.Equal(expected, ((DateTimeOffset)row["event_time"]!).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(row["event_time"], row.EventTime);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("\"customer_id\":42,", "", "required field \"customer_id\" is missing")]
    [InlineData("\"customer_id\":42", "\"customer_id\":null", "required field \"customer_id\" is null")]
    [InlineData("\"customer_id\":42", "\"customer_id\":\"42\"", "field \"customer_id\" must be a 64-bit integer, got a string")]
    [InlineData("\"customer_id\":42", "\"customer_id\":4.2", "field \"customer_id\" must be a 64-bit integer, got a number out of range or with a fraction")]
    [InlineData("\"score\":0.75", "\"score\":true", "field \"score\" must be a number, got a boolean")]
    [InlineData("\"activity_type\":\"call_center\"", "\"activity_type\":7", "field \"activity_type\" must be a string, got a number out of range or with a fraction")]
    [InlineData("\"event_time\":\"2026-11-22T07:59:59.999Z\"", "\"event_time\":\"yesterday\"", "field \"event_time\" must be an ISO-8601 UTC timestamp, got \"yesterday\"")]
    public void FromJson_BadRequiredField_ThrowsNamingDatasetAndField(string field, string replacement, string expected)
    {
        var json = SampleRecords.Full(LakeDataset.ChurnAlerts).Replace(field, replacement, StringComparison.Ordinal);

        var error = Assert.Throws<LakeException>(() => SampleRecords.Row(LakeDataset.ChurnAlerts, json, partition: 2, offset: 8));

        Assert.Equal($"dataset churn_alerts, partition 2 offset 8: {expected}", error.Message);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_IntColumnOutOfRange_Throws()
    {
        var json = SampleRecords.Full(LakeDataset.DeadLetters).Replace("\"partition\":3", "\"partition\":3000000000", StringComparison.Ordinal);

        var error = Assert.Throws<LakeException>(() => SampleRecords.Row(LakeDataset.DeadLetters, json));

        Assert.Contains("field \"partition\" must be a 32-bit integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_DetailsNotAnObject_Throws()
    {
        var json = SampleRecords.Full(LakeDataset.FraudAlerts).Replace("\"details\":{\"threshold\":2000.0,\"late\":false}", "\"details\":[1]", StringComparison.Ordinal);

        var error = Assert.Throws<LakeException>(() => SampleRecords.Row(LakeDataset.FraudAlerts, json));

        Assert.EndsWith("field \"details\" must be a JSON object, got an array", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("[1,2]", "the record is not a JSON object")]
    [InlineData("{\"alert_id\":", "the record is not valid JSON")]
    public void FromJson_NotAJsonObject_Throws(string json, string expected)
    {
        var error = Assert.Throws<LakeException>(() => SampleRecords.Row(LakeDataset.ChurnAlerts, json));

        Assert.StartsWith($"dataset churn_alerts, partition 3 offset 100: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_DuplicateOnDerivedDataset_IsRejected()
    {
        var json = Encoding.UTF8.GetBytes(SampleRecords.Full(LakeDataset.MerchantMetrics));

        var error = Assert.Throws<ArgumentException>(() => LakeRow.FromJson(LakeDataset.MerchantMetrics, json, 0, 1, duplicate: true));

        Assert.StartsWith("dataset merchant_metrics is not raw: its rows have no duplicate column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void FromJson_EveryDatasetsSamples_GiveOneValuePerColumn()
    {
        foreach (var dataset in LakeDataset.All)
        {
            var row = SampleRecords.Row(dataset, SampleRecords.Full(dataset));
            var minimal = SampleRecords.Row(dataset, SampleRecords.Minimal(dataset));

            Assert.Equal(dataset.Schema.Columns.Count, row.Values.Count);
            Assert.All(dataset.Schema.Columns.Select((c, i) => (c, i)).Where(x => !x.c.Nullable), x => Assert.NotNull(minimal.Values[x.i]));
            Assert.False(row.Duplicate);
        }
    }
}
