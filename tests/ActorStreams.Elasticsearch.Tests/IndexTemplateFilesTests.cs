using System.Text.Json;

namespace ActorStreams.Elasticsearch.Tests;

/// <summary>
/// The index templates of <c>schemas/elasticsearch/&lt;output&gt;.json</c>: bodies of <c>PUT _index_template</c> whose
/// mappings type every field the outputs write (docs/design.md §5), checked against hand-built records of each output.
/// </summary>
[Trait("Category", "Unit")]
public sealed class IndexTemplateFilesTests
{
    private const string DateFormat = "strict_date_optional_time||epoch_millis";

    private static readonly HashSet<string> IntegralTypes = ["long", "integer", "short", "byte", "unsigned_long"];

    private static readonly HashSet<string> StringTypes = ["keyword", "constant_keyword", "wildcard", "text", "date", "date_nanos", "ip"];

    /// <summary>One realistic record of each output, per rule for fraud alerts so that every <c>details</c> figure occurs.</summary>
    private static readonly (string Output, string Name, string Json)[] Samples =
    [
        ("fraud-alerts", "HIGH_AMOUNT, late, located",
            """
            {"alert_id":"tx-7f3a9c21:HIGH_AMOUNT","rule":"HIGH_AMOUNT","customer_id":1044,"transaction_id":"tx-7f3a9c21",
             "merchant_id":"m-jewelry-012","merchant_category":"jewelry","amount":2450.75,"event_time":"2026-01-01T03:12:45.250Z",
             "detected_at":"2026-01-01T03:19:02.118Z","severity":"HIGH","details":{"threshold":2000.00,"late":true},
             "location":{"lat":40.7128,"lon":-74.006}}
            """),
        ("fraud-alerts", "RAPID_FIRE",
            """
            {"alert_id":"tx-1b22e0f4:RAPID_FIRE","rule":"RAPID_FIRE","customer_id":2210,"transaction_id":"tx-1b22e0f4",
             "merchant_id":"m-restaurants-031","merchant_category":"restaurants","amount":18.40,"event_time":"2026-01-01T08:30:04.900Z",
             "detected_at":"2026-01-01T08:30:05.012Z","severity":"MEDIUM","details":{"count":3,"min_count":3,"window_seconds":5},
             "location":{"lat":51.5072,"lon":-0.1276}}
            """),
        ("fraud-alerts", "VELOCITY, without coordinates",
            """
            {"alert_id":"tx-c90d4411:VELOCITY","rule":"VELOCITY","customer_id":3187,"transaction_id":"tx-c90d4411",
             "merchant_id":"m-electronics-004","merchant_category":"electronics","amount":612.00,"event_time":"2026-01-01T11:02:40.000Z",
             "detected_at":"2026-01-01T11:02:40.087Z","severity":"HIGH",
             "details":{"threshold":1000.00,"count":4,"sum":1389.99,"window_seconds":60}}
            """),
        ("fraud-alerts", "IMPOSSIBLE_TRAVEL",
            """
            {"alert_id":"tx-5e61aa07:IMPOSSIBLE_TRAVEL","rule":"IMPOSSIBLE_TRAVEL","customer_id":4402,"transaction_id":"tx-5e61aa07",
             "merchant_id":"m-travel-019","merchant_category":"travel","amount":240.10,"event_time":"2026-01-01T14:45:10.500Z",
             "detected_at":"2026-01-01T14:45:10.611Z","severity":"CRITICAL",
             "details":{"distance_km":5570.2264,"speed_kmh":33421.36,"elapsed_seconds":600,"previous_latitude":51.5072,"previous_longitude":-0.1276},
             "location":{"lat":40.7128,"lon":-74.006}}
            """),
        ("fraud-alerts", "NEW_DEVICE",
            """
            {"alert_id":"tx-09ab33cd:NEW_DEVICE","rule":"NEW_DEVICE","customer_id":5120,"transaction_id":"tx-09ab33cd",
             "merchant_id":"m-home-027","merchant_category":"home","amount":799.00,"event_time":"2026-01-01T19:05:00.000Z",
             "detected_at":"2026-01-01T19:05:00.093Z","severity":"MEDIUM","details":{"threshold":500.00,"known_device_count":2},
             "location":{"lat":48.8566,"lon":2.3522}}
            """),
        ("churn-alerts", "CHURN_RISK",
            """
            {"alert_id":"880412:CHURN_RISK","customer_id":1044,"activity_id":880412,"activity_type":"claim_filed","score":0.7364,
             "previous_score":0.6891,"threshold":0.7,"event_time":"2026-01-01T06:41:12.000Z","detected_at":"2026-01-01T06:41:12.205Z"}
            """),
        ("churn-alerts", "CHURN_MODEL",
            """
            {"alert_id":"3f6c0a52-9d1e-4b7a-8c20-5e41d0a7b913:CHURN_MODEL","rule":"CHURN_MODEL","customer_id":1044,
             "event_id":"3f6c0a52-9d1e-4b7a-8c20-5e41d0a7b913","trigger":"session_end","score":0.6125,"model_score":0.6125,
             "previous_score":0.3311,"threshold":0.41,"model":"fast_tree","model_version":"9a3c51e07b2d",
             "event_time":"2026-01-01T07:31:12.001Z","detected_at":"2026-01-01T09:02:40.310Z"}
            """),
        ("enriched-activity", "joined with details and offer",
            """
            {"activity_id":880412,"customer_id":1044,"activity_type":"claim_filed","propensity_to_churn":0.85,"ip_address":"192.168.14.7",
             "offer_id":4,"offer_name":"pet_insurance","offer_url":"https://offers.example.com/pet-insurance",
             "first_name":"Amelia","last_name":"Hughes","email":"amelia.hughes@example.com","gender":"Female","income":72000,"fico":701,
             "years_active":9,"churn_score":0.7364,"event_time":"2026-01-01T06:41:12.000Z",
             "rfm_recency_days":2.25,"rfm_frequency_30d":14,"rfm_monetary_30d":1862.40}
            """),
        ("merchant-metrics", "one window",
            """
            {"metric_id":"m-grocery-003:2026-01-01T10:15:00.000Z","merchant_id":"m-grocery-003","merchant_category":"grocery",
             "window_start":"2026-01-01T10:15:00.000Z","window_end":"2026-01-01T10:16:00.000Z","tx_count":7,"total_amount":318.45,
             "avg_amount":45.4928571429,"max_amount":96.20,"fraud_alert_count":1,"fraud_labeled_count":0}
            """),
        ("loan-risk", "one application",
            """
            {"application_id":"la-42-000001","customer_id":42,"channel":"mobile","product":"auto","dti":0.1067,"lti":0.2569,
             "risk_score":23.4,"risk_level":"LOW","reasons":["credit_score","dti"],"event_time":"2026-01-01T00:00:05.250Z"}
            """),
        ("loan-fraud-alerts", "IDENTITY_MISMATCH",
            """
            {"alert_id":"la-1:IDENTITY_MISMATCH","rule":"IDENTITY_MISMATCH","application_id":"la-1","customer_id":42,"device_id":"dev-42-1",
             "channel":"web","loan_amount":12000.50,"event_time":"2026-01-01T00:00:05.250Z","detected_at":"2026-01-01T00:00:06.000Z",
             "severity":"HIGH","details":{"identity_verification_score":0.12,"threshold":0.3}}
            """),
        ("loan-fraud-alerts", "BOT_SPEED",
            """
            {"alert_id":"la-2:BOT_SPEED","rule":"BOT_SPEED","application_id":"la-2","customer_id":43,"device_id":"dev-43-1",
             "channel":"mobile","loan_amount":5000.00,"event_time":"2026-01-01T00:01:05.250Z","detected_at":"2026-01-01T00:01:06.000Z",
             "severity":"MEDIUM","details":{"application_duration_s":12.5,"threshold_s":30}}
            """),
        ("loan-fraud-alerts", "DEVICE_SHARED",
            """
            {"alert_id":"la-3:DEVICE_SHARED","rule":"DEVICE_SHARED","application_id":"la-3","customer_id":44,"device_id":"dev-ring-2",
             "channel":"partner","loan_amount":22900.00,"event_time":"2026-01-01T00:02:05.250Z","detected_at":"2026-01-01T00:03:06.000Z",
             "severity":"HIGH","details":{"distinct_customers":4,"min_customers":3,"window_seconds":3600}}
            """),
        ("loan-fraud-alerts", "APPLICATION_BURST",
            """
            {"alert_id":"la-4:APPLICATION_BURST","rule":"APPLICATION_BURST","application_id":"la-4","customer_id":45,"device_id":"dev-45-1",
             "channel":"web","loan_amount":3000.00,"event_time":"2026-01-01T00:04:05.250Z","detected_at":"2026-01-01T00:04:06.000Z",
             "severity":"MEDIUM","details":{"count":3,"min_count":3,"window_seconds":86400}}
            """),
        ("loan-stats", "one window",
            """
            {"metric_id":"web:2026-01-01T00:01:00.000Z","channel":"web","window_start":"2026-01-01T00:01:00.000Z",
             "window_end":"2026-01-01T00:02:00.000Z","applications":4,"approved":2,"rejected":1,"pending":1,"approval_rate":0.5,
             "avg_loan_amount":15250.125,"avg_processing_time_s":31.4}
            """),
        ("loan-segments", "one window",
            """
            {"metric_id":"prime:2026-01-01T00:01:00.000Z","segment":"prime","window_start":"2026-01-01T00:01:00.000Z",
             "window_end":"2026-01-01T00:02:00.000Z","applications":3,"avg_credit_score":761.3333333333334,"avg_loan_amount":9600,
             "products":{"personal":1,"auto":1,"mortgage":1,"student":0,"business":0}}
            """),
        ("funnel-metrics", "one window",
            """
            {"metric_id":"books:2026-01-01T00:01:00.000Z","category":"books","window_start":"2026-01-01T00:01:00.000Z",
             "window_end":"2026-01-01T00:02:00.000Z","views":12,"add_to_carts":4,"remove_from_carts":1,"purchases":2,"viewers":6,
             "carters":3,"purchasers":2,"revenue":59.97,"view_to_cart":0.5,"cart_to_purchase":0.6666666666666666,
             "view_to_purchase":0.3333333333333333,
             "top_products_by_revenue":[{"product_id":"p-1","views":3,"purchases":1,"revenue":39.98,"conversion":0.3333333333333333},
                                        {"product_id":"p-2","views":0,"purchases":1,"revenue":19.99,"conversion":null}],
             "top_products_by_conversion":[{"product_id":"p-1","views":3,"purchases":1,"revenue":39.98,"conversion":0.3333333333333333}]}
            """),
        ("funnel-metrics", "no viewer",
            """
            {"metric_id":"toys:2026-01-01T00:01:00.000Z","category":"toys","window_start":"2026-01-01T00:01:00.000Z",
             "window_end":"2026-01-01T00:02:00.000Z","views":0,"add_to_carts":0,"remove_from_carts":1,"purchases":0,"viewers":0,
             "carters":0,"purchasers":0,"revenue":0,"view_to_cart":null,"cart_to_purchase":null,"view_to_purchase":null,
             "top_products_by_revenue":[],"top_products_by_conversion":[]}
            """),
        ("churn-segments", "one window",
            """
            {"metric_id":"segments:2026-01-01T00:01:00.000Z","window_start":"2026-01-01T00:01:00.000Z",
             "window_end":"2026-01-01T00:02:00.000Z","scored":7,"high":2,"medium":1,"low":4,"threshold":0.41999998688697815,
             "model_version":"3f2a9c0d1e4b","model_versions":["3f2a9c0d1e4b"]}
            """),
        ("loan-channels", "one window",
            """
            {"metric_id":"web:2026-01-01T00:01:00.000Z","channel":"web","window_start":"2026-01-01T00:01:00.000Z",
             "window_end":"2026-01-01T00:02:00.000Z","applications":4,"conversion_rate":0.5,"avg_application_duration_s":412.7,
             "identity_failure_rate":0.25,"fraud_alert_rate":0.25}
            """),
        ("customer-features", "at a session end",
            """
            {"features_id":"0b7c2a51-9d3e-4f10-8a62-1c0e5f7d9a33:features:session_end","customer_id":17,
             "event_id":"0b7c2a51-9d3e-4f10-8a62-1c0e5f7d9a33","trigger":"session_end","as_of":"2026-03-02T09:14:07.001Z",
             "recency_days":3.5,"frequency_90d":4,"monetary_90d":212.4,"tenure_days":40.25,"days_since_last_event":0.0208,
             "events_30d":31,"events_90d":77,"purchases_30d":2,"sessions":12,"avg_session_length_min":6.4,"events_per_session":6.42,
             "cart_abandonment_rate":0.25,"top_category_share":0.41,"mobile_share":0.7,"desktop_share":0.2,"weekend_share":0.3,
             "night_share":0.05,"no_purchase_session_ewma":0.51,"top_categories":[{"category":"books","events":32},{"category":"toys","events":11}],
             "device_preference":"mobile","hour_profile":[0,0,0,0,0,0,1,2,4,6,5,4,3,3,4,5,6,7,8,9,6,3,1,0],"weekday_profile":[10,12,9,11,14,11,10]}
            """),
    ];

    public static TheoryData<string, string> DefaultIndexes => new()
    {
        { "fraud-alerts", "fraud-alerts" },
        { "churn-alerts", "churn-alerts" },
        { "customer-features", "customer-features" },
        { "enriched-activity", "customer_activity_dashboard" },
        { "merchant-metrics", "merchant-metrics" },
        { "loan-risk", "loan-risk" },
        { "loan-fraud-alerts", "loan-fraud-alerts" },
        { "loan-stats", "loan-stats" },
        { "loan-segments", "loan-segments" },
        { "loan-channels", "loan-channels" },
        { "funnel-metrics", "funnel-metrics" },
        { "churn-segments", "churn-segments" },
    };

    public static TheoryData<string, string> IdFields => new()
    {
        { "fraud-alerts", "alert_id" },
        { "churn-alerts", "alert_id" },
        { "customer-features", "features_id" },
        { "enriched-activity", "activity_id" },
        { "merchant-metrics", "metric_id" },
        { "loan-risk", "application_id" },
        { "loan-fraud-alerts", "alert_id" },
        { "loan-stats", "metric_id" },
        { "loan-segments", "metric_id" },
        { "loan-channels", "metric_id" },
        { "funnel-metrics", "metric_id" },
        { "churn-segments", "metric_id" },
    };

    public static TheoryData<string, string> DateFields => new()
    {
        { "fraud-alerts", "event_time" },
        { "fraud-alerts", "detected_at" },
        { "churn-alerts", "event_time" },
        { "churn-alerts", "detected_at" },
        { "customer-features", "as_of" },
        { "enriched-activity", "event_time" },
        { "merchant-metrics", "window_start" },
        { "merchant-metrics", "window_end" },
        { "loan-risk", "event_time" },
        { "loan-fraud-alerts", "event_time" },
        { "loan-fraud-alerts", "detected_at" },
        { "loan-stats", "window_start" },
        { "loan-segments", "window_end" },
        { "loan-channels", "window_start" },
        { "funnel-metrics", "window_start" },
        { "funnel-metrics", "window_end" },
        { "churn-segments", "window_start" },
    };

    public static TheoryData<string, string, string> TypedFields => new()
    {
        { "fraud-alerts", "amount", "double" },
        { "fraud-alerts", "details.threshold", "double" },
        { "fraud-alerts", "details.count", "integer" },
        { "fraud-alerts", "details.min_count", "integer" },
        { "fraud-alerts", "details.sum", "double" },
        { "fraud-alerts", "details.window_seconds", "double" },
        { "fraud-alerts", "details.distance_km", "double" },
        { "fraud-alerts", "details.speed_kmh", "double" },
        { "fraud-alerts", "details.elapsed_seconds", "double" },
        { "fraud-alerts", "details.previous_latitude", "double" },
        { "fraud-alerts", "details.previous_longitude", "double" },
        { "fraud-alerts", "details.known_device_count", "integer" },
        { "fraud-alerts", "details.late", "boolean" },
        { "fraud-alerts", "location", "geo_point" },
        { "fraud-alerts", "customer_id", "keyword" },
        { "fraud-alerts", "rule", "keyword" },
        { "fraud-alerts", "severity", "keyword" },
        { "fraud-alerts", "merchant_category", "keyword" },
        { "churn-alerts", "score", "double" },
        { "churn-alerts", "previous_score", "double" },
        { "churn-alerts", "threshold", "double" },
        { "churn-alerts", "activity_id", "keyword" },
        { "churn-alerts", "activity_type", "keyword" },
        { "customer-features", "monetary_90d", "double" },
        { "customer-features", "frequency_90d", "long" },
        { "customer-features", "trigger", "keyword" },
        { "customer-features", "hour_profile", "long" },
        { "enriched-activity", "propensity_to_churn", "double" },
        { "enriched-activity", "churn_score", "double" },
        { "enriched-activity", "income", "long" },
        { "enriched-activity", "fico", "integer" },
        { "enriched-activity", "years_active", "integer" },
        { "enriched-activity", "rfm_recency_days", "double" },
        { "enriched-activity", "rfm_frequency_30d", "integer" },
        { "enriched-activity", "rfm_monetary_30d", "double" },
        { "enriched-activity", "ip_address", "ip" },
        { "enriched-activity", "customer_id", "keyword" },
        { "enriched-activity", "offer_id", "keyword" },
        { "enriched-activity", "gender", "keyword" },
        { "enriched-activity", "activity_type", "keyword" },
        { "merchant-metrics", "tx_count", "long" },
        { "merchant-metrics", "total_amount", "double" },
        { "merchant-metrics", "avg_amount", "double" },
        { "merchant-metrics", "max_amount", "double" },
        { "merchant-metrics", "fraud_alert_count", "long" },
        { "merchant-metrics", "fraud_labeled_count", "long" },
        { "merchant-metrics", "merchant_id", "keyword" },
        { "merchant-metrics", "merchant_category", "keyword" },
        { "loan-risk", "risk_score", "double" },
        { "loan-risk", "risk_level", "keyword" },
        { "loan-risk", "reasons", "keyword" },
        { "loan-risk", "customer_id", "keyword" },
        { "loan-fraud-alerts", "loan_amount", "double" },
        { "loan-fraud-alerts", "details.distinct_customers", "integer" },
        { "loan-fraud-alerts", "device_id", "keyword" },
        { "loan-stats", "applications", "long" },
        { "loan-stats", "approval_rate", "double" },
        { "loan-segments", "products.mortgage", "long" },
        { "loan-segments", "avg_credit_score", "double" },
        { "loan-channels", "fraud_alert_rate", "double" },
        { "loan-channels", "channel", "keyword" },
        { "funnel-metrics", "category", "keyword" },
        { "funnel-metrics", "viewers", "long" },
        { "funnel-metrics", "revenue", "double" },
        { "funnel-metrics", "view_to_purchase", "double" },
        { "funnel-metrics", "top_products_by_revenue.product_id", "keyword" },
        { "funnel-metrics", "top_products_by_conversion.conversion", "double" },
        { "churn-segments", "high", "long" },
        { "churn-segments", "threshold", "double" },
        { "churn-segments", "model_version", "keyword" },
        { "churn-segments", "model_versions", "keyword" },
    };

    public static TheoryData<string, string> SampleRecords
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var sample in Samples)
            {
                data.Add(sample.Output, sample.Name);
            }

            return data;
        }
    }

    /// <summary>The Elasticsearch field types that hold numbers.</summary>
    internal static IReadOnlySet<string> NumericTypes { get; } =
        new HashSet<string>(["long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long"], StringComparer.Ordinal);

    private static string TemplatesDirectory => Path.Combine(AppContext.BaseDirectory, "templates");

    /// <summary>The parsed template of <paramref name="output"/>.</summary>
    internal static JsonElement Template(string output)
    {
        var path = Path.Combine(TemplatesDirectory, output + ".json");
        Assert.True(File.Exists(path), $"no index template for output {output}: {path} is missing");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>The output whose template's <c>index_patterns</c> name <paramref name="index"/>, or null.</summary>
    internal static string? OutputOfIndex(string index)
    {
        foreach (var file in Directory.GetFiles(TemplatesDirectory, "*.json"))
        {
            var output = Path.GetFileNameWithoutExtension(file);
            if (Template(output).TryGetProperty("index_patterns", out var patterns)
                && patterns.ValueKind == JsonValueKind.Array
                && patterns.EnumerateArray().Any(p => p.ValueKind == JsonValueKind.String && p.GetString() == index))
            {
                return output;
            }
        }

        return null;
    }

    /// <summary>Every field path the template of <paramref name="output"/> maps (<c>details.count</c>), with its type; objects map to <c>object</c>.</summary>
    internal static Dictionary<string, string> MappedFields(string output)
    {
        var template = Template(output);
        var properties = template.TryGetProperty("template", out var body) && body.TryGetProperty("mappings", out var mappings)
            && mappings.TryGetProperty("properties", out var value) ? value : default;
        Assert.True(properties.ValueKind == JsonValueKind.Object, $"template {output}: no template.mappings.properties object");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectMapped(output, properties, "", fields);
        return fields;
    }

    [Fact]
    public void TemplatesDirectory_HoldsOneTemplatePerOutput()
    {
        var files = Directory.GetFiles(TemplatesDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "churn-alerts.json", "churn-segments.json", "customer-features.json", "enriched-activity.json", "fraud-alerts.json", "funnel-metrics.json",
                "loan-channels.json", "loan-fraud-alerts.json", "loan-risk.json", "loan-segments.json", "loan-stats.json", "merchant-metrics.json",
            ],
            files);
    }

    [Theory]
    [MemberData(nameof(DefaultIndexes))]
    public void Template_IsAnIndexTemplateBodyForTheDefaultIndex(string output, string index)
    {
        var template = Template(output);

        Assert.True(template.ValueKind == JsonValueKind.Object, $"template {output}: the body is not a JSON object");
        Assert.True(
            template.TryGetProperty("index_patterns", out var patterns) && patterns.ValueKind == JsonValueKind.Array,
            $"template {output}: index_patterns is missing or not an array");
        Assert.Equal([index], patterns.EnumerateArray().Select(p => p.GetString()));
        Assert.True(
            template.TryGetProperty("priority", out var priority) && priority.TryGetInt32(out var value) && value > 0,
            $"template {output}: priority is missing or not a positive integer");
        var unknown = template.EnumerateObject().Select(p => p.Name)
            .Except(["index_patterns", "priority", "version", "_meta", "template", "composed_of", "data_stream", "allow_auto_create"])
            .ToList();
        Assert.True(unknown.Count == 0, $"template {output}: not index template API fields: {string.Join(", ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(DefaultIndexes))]
    public void Template_IsMarkedAsManagedByActorStreams(string output, string index)
    {
        var template = Template(output);

        AssertManagedMeta($"template {output} (index {index}) _meta", template);
        AssertManagedMeta($"template {output} (index {index}) template.mappings._meta", template.GetProperty("template").GetProperty("mappings"));
    }

    [Theory]
    [MemberData(nameof(DefaultIndexes))]
    public void Template_HasOneShardAndTheDefaultReplicas(string output, string index)
    {
        var template = Template(output);

        Assert.True(
            template.GetProperty("template").TryGetProperty("settings", out var settings),
            $"template {output} (index {index}): template.settings is missing");
        Assert.True(
            settings.TryGetProperty("number_of_shards", out var shards) && shards.GetInt32() == 1,
            $"template {output}: template.settings.number_of_shards should be 1");
        Assert.False(settings.TryGetProperty("number_of_replicas", out _), $"template {output}: number_of_replicas should be left to the cluster's default");
    }

    [Theory]
    [MemberData(nameof(IdFields))]
    public void Template_MapsTheDocumentIdFieldAsKeyword(string output, string field)
    {
        AssertMappedAs(output, field, "keyword");
    }

    [Theory]
    [MemberData(nameof(DateFields))]
    public void Template_MapsTimestampsAsIsoOrEpochDates(string output, string field)
    {
        AssertMappedAs(output, field, "date");
        var format = MappingOf(output, field).TryGetProperty("format", out var value) ? value.GetString() : null;
        Assert.True(format == DateFormat, $"template {output}: field {field} has date format '{format}', expected '{DateFormat}'");
    }

    [Theory]
    [MemberData(nameof(TypedFields))]
    public void Template_MapsFieldWithItsType(string output, string field, string type)
    {
        AssertMappedAs(output, field, type);
    }

    [Theory]
    [MemberData(nameof(SampleRecords))]
    public void SampleRecord_EveryFieldIsMappedWithASuitableType(string output, string name)
    {
        var mapped = MappedFields(output);
        var sample = Sample(output, name);

        var failures = new List<string>();
        foreach (var (path, value) in Flatten(sample, mapped))
        {
            if (!mapped.TryGetValue(path, out var type))
            {
                failures.Add($"field {path} is not mapped");
            }
            else if (!Suits(value, type))
            {
                failures.Add($"field {path} is mapped as {type}, which does not take the value {value.GetRawText()}");
            }
        }

        Assert.True(failures.Count == 0, $"template {output}, sample record '{name}':{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Theory]
    [MemberData(nameof(DefaultIndexes))]
    public void Template_MapsOnlyFieldsTheOutputWrites(string output, string index)
    {
        var written = Samples.Where(s => s.Output == output)
            .SelectMany(s => Flatten(Sample(output, s.Name), MappedFields(output)).Select(f => f.Path))
            .ToHashSet(StringComparer.Ordinal);

        var extra = MappedFields(output).Keys.Where(path => !written.Contains(path)).Order(StringComparer.Ordinal).ToList();

        Assert.True(extra.Count == 0, $"template {output} (index {index}) maps fields no record of the output has: {string.Join(", ", extra)}");
    }

    private static void AssertManagedMeta(string where, JsonElement owner)
    {
        Assert.True(owner.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object, $"{where} is missing");
        Assert.True(
            meta.TryGetProperty("managed_by", out var managedBy) && managedBy.ValueKind == JsonValueKind.String && managedBy.GetString() == "actorstreams",
            $"{where}.managed_by should be \"actorstreams\"");
        Assert.True(
            meta.TryGetProperty("version", out var version) && version.TryGetInt32(out var number) && number >= 1,
            $"{where}.version should be a positive integer");
    }

    private static void AssertMappedAs(string output, string field, string type)
    {
        var mapped = MappedFields(output);
        Assert.True(mapped.TryGetValue(field, out var actual), $"template {output}: field {field} is not mapped");
        Assert.True(actual == type, $"template {output}: field {field} is mapped as {actual}, expected {type}");
    }

    private static JsonElement MappingOf(string output, string field)
    {
        var node = Template(output).GetProperty("template").GetProperty("mappings");
        foreach (var part in field.Split('.'))
        {
            node = node.GetProperty("properties").GetProperty(part);
        }

        return node;
    }

    private static void CollectMapped(string output, JsonElement properties, string prefix, Dictionary<string, string> fields)
    {
        foreach (var property in properties.EnumerateObject())
        {
            var path = prefix + property.Name;
            var hasType = property.Value.TryGetProperty("type", out var typeElement);
            var hasProperties = property.Value.TryGetProperty("properties", out var children);
            Assert.True(hasType || hasProperties, $"template {output}: field {path} has neither a type nor properties");
            var type = hasType ? typeElement.GetString()! : "object";
            fields.Add(path, type);
            if (hasProperties)
            {
                Assert.True(type is "object" or "nested", $"template {output}: field {path} of type {type} has properties");
                CollectMapped(output, children, path + ".", fields);
            }

            if (property.Value.TryGetProperty("fields", out var multiFields))
            {
                foreach (var multiField in multiFields.EnumerateObject())
                {
                    fields.Add(path + "." + multiField.Name, multiField.Value.GetProperty("type").GetString()!);
                }
            }
        }
    }

    private static JsonElement Sample(string output, string name)
    {
        var json = Samples.Single(s => s.Output == output && s.Name == name).Json;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The field paths of a record, objects included (<c>details</c>, <c>details.count</c>); an object mapped as a
    /// leaf type (a <c>geo_point</c> written as <c>{"lat", "lon"}</c>) is one field.
    /// </summary>
    private static IEnumerable<(string Path, JsonElement Value)> Flatten(JsonElement record, Dictionary<string, string> mapped, string prefix = "")
    {
        foreach (var property in record.EnumerateObject())
        {
            var path = prefix + property.Name;
            yield return (path, property.Value);
            var isLeaf = mapped.TryGetValue(path, out var type) && type is not ("object" or "nested");
            if (property.Value.ValueKind == JsonValueKind.Object && !isLeaf)
            {
                foreach (var child in Flatten(property.Value, mapped, path + "."))
                {
                    yield return child;
                }
            }

            // An array of objects (funnel-metrics' top products) is mapped as one object: every item's fields under the same path.
            if (property.Value.ValueKind == JsonValueKind.Array && !isLeaf)
            {
                foreach (var item in property.Value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object))
                {
                    foreach (var child in Flatten(item, mapped, path + "."))
                    {
                        yield return child;
                    }
                }
            }
        }
    }

    private static bool Suits(JsonElement value, string type) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.String => StringTypes.Contains(type),
        JsonValueKind.Number => type == "keyword" || (NumericTypes.Contains(type) && (!IntegralTypes.Contains(type) || value.TryGetInt64(out _))),
        JsonValueKind.True or JsonValueKind.False => type == "boolean",
        JsonValueKind.Object => type is "object" or "nested"
            || (type == "geo_point" && value.TryGetProperty("lat", out var lat) && lat.ValueKind == JsonValueKind.Number
                && value.TryGetProperty("lon", out var lon) && lon.ValueKind == JsonValueKind.Number),

        // Elasticsearch has no array type: a field takes an array of values it takes one by one.
        JsonValueKind.Array => value.EnumerateArray().All(item => item.ValueKind != JsonValueKind.Array && Suits(item, type)),
        _ => false,
    };
}
