using ActorStreams.Generator.Avro;
using ActorStreams.Generator.Tests.Support;

namespace ActorStreams.Generator.Tests.Avro;

[Trait("Category", "Unit")]
public sealed class AvroSchemaTests
{
    /// <summary>Field names of docs/design.md §5, in order, per topic schema.</summary>
    public static TheoryData<string, string[]> ContractFields => new()
    {
        { "transactions", ["transaction_id", "customer_id", "merchant_id", "merchant_category", "amount", "currency", "payment_method", "device_id", "ip_address", "latitude", "longitude", "country", "city", "timestamp", "is_fraud"] },
        { "customer-activity", ["activity_id", "customer_id", "activity_type", "propensity_to_churn", "ip_address", "offer_id", "timestamp"] },
        { "customer-details", ["customer_id", "first_name", "last_name", "email", "gender", "income", "fico", "years_active"] },
        { "customer-offers", ["offer_id", "offer_name", "offer_url"] },
        {
            "loan-applications",
            [
                "application_id", "customer_id", "timestamp", "channel", "product", "loan_purpose", "loan_amount", "term_months", "annual_income", "monthly_debt",
                "credit_score", "employment_years", "identity_verification_score", "device_id", "ip_address", "application_duration_s", "decision", "processing_time_s", "is_fraud",
            ]
        },
        { "customer-events", ["event_id", "customer_id", "session_id", "timestamp", "type", "product_id", "category", "price", "quantity", "device", "city", "country"] },
        { "fraud-alerts", ["alert_id", "rule", "customer_id", "transaction_id", "merchant_id", "merchant_category", "amount", "event_time", "detected_at", "severity", "details", "location"] },
        { "churn-alerts", ["alert_id", "rule", "customer_id", "activity_id", "activity_type", "event_id", "trigger", "score", "model_score", "previous_score", "threshold", "model", "model_version", "event_time", "detected_at"] },
        {
            "customer-features",
            [
                "features_id", "customer_id", "event_id", "trigger", "as_of", "recency_days", "frequency_90d", "monetary_90d", "tenure_days", "days_since_last_event",
                "events_30d", "events_90d", "purchases_30d", "sessions", "avg_session_length_min", "events_per_session", "cart_abandonment_rate", "top_category_share",
                "mobile_share", "desktop_share", "weekend_share", "night_share", "no_purchase_session_ewma", "top_categories", "device_preference", "hour_profile", "weekday_profile",
            ]
        },
        {
            "enriched-activity",
            ["activity_id", "customer_id", "activity_type", "propensity_to_churn", "ip_address", "offer_id", "offer_name", "offer_url", "first_name", "last_name", "email", "gender", "income", "fico", "years_active", "churn_score", "event_time", "rfm_recency_days", "rfm_frequency_30d", "rfm_monetary_30d"]
        },
        { "merchant-metrics", ["metric_id", "merchant_id", "merchant_category", "window_start", "window_end", "tx_count", "total_amount", "avg_amount", "max_amount", "fraud_alert_count", "fraud_labeled_count"] },
        {
            "funnel-metrics",
            ["metric_id", "category", "window_start", "window_end", "views", "add_to_carts", "remove_from_carts", "purchases", "viewers", "carters", "purchasers", "revenue", "view_to_cart", "cart_to_purchase", "view_to_purchase", "top_products_by_revenue", "top_products_by_conversion"]
        },
        { "churn-segments", ["metric_id", "window_start", "window_end", "scored", "high", "medium", "low", "threshold", "model_version", "model_versions"] },
        { "dead-letter", ["source_topic", "partition", "offset", "key", "value", "value_base64", "error", "failed_at"] },
        { "fraud-monitor", ["monitor_id", "window_start", "window_end", "dimension", "value", "count", "baseline", "factor", "detected_at"] },
    };

    public static TheoryData<string> TopicSchemaFiles => [.. RepositoryPaths.TopicSchemaFiles.Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(ContractFields))]
    public void Load_TopicSchema_HasTheContractFieldsInOrder(string topic, string[] fields)
    {
        var schema = Assert.IsType<AvroRecordSchema>(AvroSchema.Load(RepositoryPaths.TopicSchema(topic)));

        Assert.Equal(fields, schema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Schemas_Folder_HasASchemaForEveryTopicOfTheContract()
    {
        var topics = RepositoryPaths.TopicSchemaFiles.Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(topics, ContractFields.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TopicSchemaFiles))]
    public void Load_TopicSchema_DocumentsEveryFieldAndMakesOptionalFieldsNullableWithNullDefault(string file)
    {
        var schema = Assert.IsType<AvroRecordSchema>(AvroSchema.Load(Path.Combine(RepositoryPaths.Schemas, file)));
        Assert.False(string.IsNullOrWhiteSpace(schema.Doc));

        foreach (var (record, field) in AllFields(schema))
        {
            Assert.False(string.IsNullOrWhiteSpace(field.Doc), $"{record.Name}.{field.Name} has no doc");
            if (field.Schema is AvroUnionSchema union)
            {
                Assert.Equal(AvroType.Null, union.Branches[0].Type);
                Assert.Equal(System.Text.Json.JsonValueKind.Null, field.DefaultValue?.ValueKind);
            }
        }
    }

    [Fact]
    public void Load_TopicSchemas_WriteEveryTimestampAsAString()
    {
        string[] timeFields = ["timestamp", "event_time", "detected_at", "window_start", "window_end", "failed_at"];
        foreach (var file in RepositoryPaths.TopicSchemaFiles)
        {
            var schema = (AvroRecordSchema)AvroSchema.Load(file);
            foreach (var field in schema.Fields.Where(f => timeFields.Contains(f.Name)))
            {
                var type = field.Schema is AvroUnionSchema union ? union.Branches[1] : field.Schema;
                Assert.Equal(AvroType.String, type.Type);
                Assert.Contains("ISO-8601", field.Doc, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Load_InteropConformanceSchema_ReadsEveryAvroType()
    {
        var schema = Assert.IsType<AvroRecordSchema>(AvroSchema.Load(Path.Combine(RepositoryPaths.AvroConformance, "interop.avsc")));

        Assert.Equal("org.apache.avro.Interop", schema.FullName);
        Assert.Equal(AvroType.Int, schema.GetField("intField")!.Schema.Type);
        Assert.Equal(AvroType.Long, schema.GetField("longField")!.Schema.Type);
        Assert.Equal(AvroType.String, schema.GetField("stringField")!.Schema.Type);
        Assert.Equal(AvroType.Boolean, schema.GetField("boolField")!.Schema.Type);
        Assert.Equal(AvroType.Float, schema.GetField("floatField")!.Schema.Type);
        Assert.Equal(AvroType.Double, schema.GetField("doubleField")!.Schema.Type);
        Assert.Equal(AvroType.Bytes, schema.GetField("bytesField")!.Schema.Type);
        Assert.Equal(AvroType.Null, schema.GetField("nullField")!.Schema.Type);
        Assert.Equal(AvroType.Double, Assert.IsType<AvroArraySchema>(schema.GetField("arrayField")!.Schema).Items.Type);
        var foo = Assert.IsType<AvroRecordSchema>(Assert.IsType<AvroMapSchema>(schema.GetField("mapField")!.Schema).Values);
        Assert.Equal("org.apache.avro.Foo", foo.FullName);
        var union = Assert.IsType<AvroUnionSchema>(schema.GetField("unionField")!.Schema);
        Assert.Equal([AvroType.Boolean, AvroType.Double, AvroType.Array], union.Branches.Select(b => b.Type));
        Assert.Equal(["A", "B", "C"], Assert.IsType<AvroEnumSchema>(schema.GetField("enumField")!.Schema).Symbols);
        Assert.Equal(16, Assert.IsType<AvroFixedSchema>(schema.GetField("fixedField")!.Schema).Size);

        // The recursive Node refers to itself: the same instance, not a copy.
        var node = Assert.IsType<AvroRecordSchema>(schema.GetField("recordField")!.Schema);
        Assert.Same(node, Assert.IsType<AvroArraySchema>(node.GetField("children")!.Schema).Items);

        // "logicalType" written on the field, not on the type, annotates nothing (as in Avro's own parsers).
        Assert.Null(schema.GetField("timeMillisField")!.Schema.LogicalType);
        Assert.Equal(AvroType.Long, schema.GetField("timestampMillisField")!.Schema.Type);
    }

    [Fact]
    public void Load_RecordWithRequiredFieldsConformanceSchema_ResolvesNestedNamedTypesInTheirNamespace()
    {
        var schema = Assert.IsType<AvroRecordSchema>(AvroSchema.Load(Path.Combine(RepositoryPaths.AvroConformance, "RecordWithRequiredFields.avsc")));

        var union = Assert.IsType<AvroUnionSchema>(schema.GetField("unionField")!.Schema);
        Assert.True(union.IsNullable);
        var unionRecord = Assert.IsType<AvroRecordSchema>(union.Branches[1]);
        Assert.Equal("org.apache.avro.UnionRecord", unionRecord.FullName);
        var arrayRecord = Assert.IsType<AvroRecordSchema>(Assert.IsType<AvroArraySchema>(unionRecord.GetField("arrayField")!.Schema).Items);
        var mapRecord = Assert.IsType<AvroRecordSchema>(Assert.IsType<AvroMapSchema>(arrayRecord.GetField("mapField")!.Schema).Values);
        var enumSchema = Assert.IsType<AvroEnumSchema>(mapRecord.GetField("enumField")!.Schema);
        Assert.Equal("org.apache.avro.MapRecordEnum", enumSchema.FullName);
        Assert.Equal("A", enumSchema.DefaultSymbol);
    }

    [Fact]
    public void Parse_NamedReferences_ResolveByShortNameInTheEnclosingNamespaceAndByFullName()
    {
        var schema = (AvroRecordSchema)AvroSchema.Parse("""
            {"type": "record", "name": "Outer", "namespace": "a.b", "fields": [
              {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}]}},
              {"name": "other", "type": {"type": "record", "name": "c.Other", "fields": [
                {"name": "back", "type": "a.b.Inner"},
                {"name": "self", "type": ["null", "Other"], "default": null}]}},
              {"name": "again", "type": "Inner"},
              {"name": "viaFull", "type": "c.Other"},
              {"name": "wrapped", "type": {"type": "Inner"}}
            ]}
            """);

        var inner = Assert.IsType<AvroRecordSchema>(schema.GetField("inner")!.Schema);
        var other = Assert.IsType<AvroRecordSchema>(schema.GetField("other")!.Schema);
        Assert.Equal("a.b.Inner", inner.FullName);
        Assert.Equal("c.Other", other.FullName);
        Assert.Same(inner, other.GetField("back")!.Schema);
        Assert.Same(other, ((AvroUnionSchema)other.GetField("self")!.Schema).Branches[1]);
        Assert.Same(inner, schema.GetField("again")!.Schema);
        Assert.Same(other, schema.GetField("viaFull")!.Schema);
        Assert.Same(inner, schema.GetField("wrapped")!.Schema);
    }

    [Fact]
    public void Parse_LogicalTypes_KeepsValidAnnotationsAndIgnoresInvalidOnes()
    {
        var schema = (AvroRecordSchema)AvroSchema.Parse("""
            {"type": "record", "name": "L", "fields": [
              {"name": "date", "type": {"type": "int", "logicalType": "date"}},
              {"name": "millis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "time", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "fixedPrice", "type": {"type": "fixed", "name": "F4", "size": 4, "logicalType": "decimal", "precision": 9}},
              {"name": "tooPrecise", "type": {"type": "fixed", "name": "F4b", "size": 4, "logicalType": "decimal", "precision": 10}},
              {"name": "badScale", "type": {"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 3}},
              {"name": "dateOnString", "type": {"type": "string", "logicalType": "date"}},
              {"name": "unknown", "type": {"type": "long", "logicalType": "fancy"}}
            ]}
            """);

        string? Logical(string field) => schema.GetField(field)!.Schema.LogicalType?.ToString();
        Assert.Equal("date", Logical("date"));
        Assert.Equal("timestamp-millis", Logical("millis"));
        Assert.Equal("timestamp-micros", Logical("micros"));
        Assert.Equal("time-millis", Logical("time"));
        Assert.Equal("uuid", Logical("id"));
        Assert.Equal("decimal(10,2)", Logical("price"));
        Assert.Equal("decimal(9,0)", Logical("fixedPrice"));
        Assert.Null(Logical("tooPrecise"));
        Assert.Null(Logical("badScale"));
        Assert.Null(Logical("dateOnString"));
        Assert.Null(Logical("unknown"));
    }

    [Theory]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "Foo"}]}""", "R.a: unknown type \"Foo\"")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "a", "type": "int"}]}""", "R.a: duplicate field name")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": ["null", ["int"]]}]}""", "R.a[1]: a union may not directly contain another union")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": ["int", "int"]}]}""", "R.a[1]: the union already has a branch of type int")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": {"type": "enum", "name": "E", "symbols": ["X", "X"]}}]}""", "R.a: duplicate enum symbol \"X\"")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "default": "x"}]}""", "R.a: the default value does not match int: expected int, got string")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": ["int", "null"], "default": null}]}""", "R.a: the default value does not match the first branch of the union, int")]
    [InlineData("""{"type": "record", "name": "R"}""", "R: missing the \"fields\" attribute")]
    [InlineData("""{"type": "record", "name": "1R", "fields": []}""", "invalid name \"1R\"")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": {"type": "record", "name": "R", "fields": []}}]}""", "R.a: the named type \"R\" is defined twice")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": {"type": "array"}}]}""", "R.a: missing the \"items\" attribute")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a"}]}""", "R.a: missing the \"type\" attribute")]
    [InlineData("""{"type": "enum", "name": "E", "symbols": ["A"], "default": "B"}""", "E: the enum default \"B\" is not one of its symbols")]
    [InlineData("""{"type": "record", "name": "R", "fields": [}""", "not valid JSON")]
    [InlineData("""42""", "a schema must be a type name, an object or a union array, got 42")]
    public void Parse_InvalidSchema_ThrowsAMessageNamingWhere(string json, string expected)
    {
        var error = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.avsc");

        var error = Assert.Throws<AvroSchemaException>(() => AvroSchema.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(AvroRecordSchema Record, AvroField Field)> AllFields(AvroRecordSchema root)
    {
        var seen = new HashSet<AvroRecordSchema>();
        var pending = new Stack<AvroSchema>([root]);
        while (pending.TryPop(out var schema))
        {
            switch (schema)
            {
                case AvroRecordSchema record when seen.Add(record):
                    foreach (var field in record.Fields)
                    {
                        yield return (record, field);
                        pending.Push(field.Schema);
                    }

                    break;
                case AvroUnionSchema union:
                    union.Branches.ToList().ForEach(pending.Push);
                    break;
                case AvroArraySchema array:
                    pending.Push(array.Items);
                    break;
                case AvroMapSchema map:
                    pending.Push(map.Values);
                    break;
            }
        }
    }
}
