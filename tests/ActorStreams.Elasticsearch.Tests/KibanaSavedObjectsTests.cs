using System.Text.Json;

namespace ActorStreams.Elasticsearch.Tests;

/// <summary>
/// The Kibana saved objects of <c>deploy/kibana/actorstreams-dashboards.ndjson</c> (for <c>POST /api/saved_objects/_import</c>):
/// well-formed, self-contained, and charting only fields the index templates map with a type that suits the chart.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KibanaSavedObjectsTests
{
    private const string IndexRefName = "kibanaSavedObjectMeta.searchSourceJSON.index";
    private const string InsuranceDashboard = "ActorStreams — Insurance customer activity";
    private const string FraudDashboard = "ActorStreams — Fraud and merchants";
    private const string Activity = "customer_activity_dashboard";
    private const string Metrics = "merchant-metrics";
    private const string Frauds = "fraud-alerts";
    private const string Churns = "churn-alerts";
    private const int GridColumns = 48;

    private static readonly HashSet<string> ObjectTypes = ["index-pattern", "visualization", "search", "dashboard"];

    private static readonly HashSet<string> VisualizationTypes = ["metric", "pie", "histogram", "horizontal_bar", "line", "area", "table"];

    private static readonly HashSet<string> MetricAggregations = ["avg", "sum", "min", "max", "median", "percentiles", "std_dev"];

    private static readonly HashSet<string> TermsTypes = ["keyword", "ip", "boolean"];

    private static readonly string[] Bars = ["histogram", "horizontal_bar"];

    private static readonly string[] TimeCharts = ["histogram", "line", "area"];

    /// <summary>The charts each dashboard must show: kind, data view and the set of <c>agg:field</c> (count aside) or search columns and sort.</summary>
    private static readonly Dictionary<string, Chart[]> RequiredCharts = new(StringComparer.Ordinal)
    {
        [InsuranceDashboard] =
        [
            new("average years active", ["metric"], Activity, ["avg:years_active"]),
            new("average FICO score", ["metric"], Activity, ["avg:fico"]),
            new("average churn propensity", ["metric"], Activity, ["avg:propensity_to_churn"]),
            new("churn propensity by activity type", Bars, Activity, ["avg:propensity_to_churn", "terms:activity_type"]),
            new("gender distribution", ["pie"], Activity, ["terms:gender"]),
            new("activity type distribution", ["pie"], Activity, ["terms:activity_type"]),
            new("income by gender", Bars, Activity, ["avg:income", "terms:gender"]),
            new("top 10 customers by income", ["table"], Activity, ["max:income", "terms:customer_id", "top_hits:first_name", "top_hits:last_name"]),
            new("activity timeline", TimeCharts, Activity, ["date_histogram:event_time"]),
            new("oldest clients", ["table"], Activity, ["max:years_active", "terms:customer_id", "top_hits:first_name", "top_hits:last_name"]),
            new("gender by income and activity type", Bars, Activity, ["avg:income", "terms:activity_type", "terms:gender"]),
        ],
        [FraudDashboard] =
        [
            new("transactions per minute", TimeCharts, Metrics, ["sum:tx_count", "date_histogram:window_start"]),
            new("average amount per category", [.. Bars, "pie"], Metrics, ["avg:avg_amount", "terms:merchant_category"]),
            new("fraud alerts per merchant category", [.. Bars, "pie"], Frauds, ["terms:merchant_category"]),
            new("alerts by rule", TimeCharts, Frauds, ["date_histogram:event_time", "terms:rule"]),
            new(
                "latest fraud alerts",
                ["search"],
                Frauds,
                ["column:alert_id", "column:rule", "column:customer_id", "column:merchant_category", "column:amount", "column:severity", "sort:detected_at:desc"]),
            new(
                "latest churn alerts",
                ["search"],
                Churns,
                ["column:alert_id", "column:customer_id", "column:activity_id", "column:activity_type", "column:score", "column:previous_score",
                    "column:threshold", "sort:detected_at:desc"]),
        ],
    };

    public static TheoryData<string> Dashboards => new() { InsuranceDashboard, FraudDashboard };

    public static TheoryData<string, string> DataViews => new()
    {
        { Frauds, "event_time" },
        { Churns, "event_time" },
        { Activity, "event_time" },
        { Metrics, "window_start" },
        { "funnel-metrics", "window_start" },
        { "churn-segments", "window_start" },
    };

    private static string NdjsonPath => Path.Combine(AppContext.BaseDirectory, "kibana", "actorstreams-dashboards.ndjson");

    [Fact]
    public void Ndjson_EveryLineIsASavedObject()
    {
        var lines = File.ReadAllLines(NdjsonPath);
        var failures = new List<string>();

        Assert.NotEmpty(lines);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = $"line {i + 1}";
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                failures.Add($"{line} is blank");
                continue;
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                failures.Add($"{line} is not JSON: {ex.Message}");
                continue;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                failures.Add($"{line} is not a JSON object");
                continue;
            }

            var type = Text(root, "type");
            var id = Text(root, "id");
            if (type is null || !ObjectTypes.Contains(type))
            {
                failures.Add($"{line}: type '{type}' is not one of {string.Join(", ", ObjectTypes)}");
            }

            if (id is null || !id.StartsWith("actorstreams-", StringComparison.Ordinal))
            {
                failures.Add($"{line}: id '{id}' should be a stable id starting with actorstreams-");
            }

            if (!root.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object || Text(attributes, "title") is not { Length: > 0 })
            {
                failures.Add($"{line} ({type} {id}): attributes with a title are missing");
            }

            if (!root.TryGetProperty("references", out var references) || references.ValueKind != JsonValueKind.Array)
            {
                failures.Add($"{line} ({type} {id}): references array is missing");
            }
            else if (references.EnumerateArray().Any(r => Text(r, "name") is null || Text(r, "type") is null || Text(r, "id") is null))
            {
                failures.Add($"{line} ({type} {id}): a reference lacks its name, type or id");
            }

            foreach (var version in new[] { "coreMigrationVersion", "typeMigrationVersion" })
            {
                if (root.TryGetProperty(version, out var value) && !Version.TryParse(value.GetString(), out _))
                {
                    failures.Add($"{line} ({type} {id}): {version} '{value}' is not a version");
                }
            }
        }

        AssertNoFailures("saved objects file", failures);
    }

    [Fact]
    public void Ids_AreUnique()
    {
        var duplicates = Objects().GroupBy(o => o.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"id {g.Key} is used on lines {string.Join(", ", g.Select(o => o.Line))}")
            .ToList();

        AssertNoFailures("saved object ids", duplicates);
    }

    [Fact]
    public void References_PointToObjectsInTheFile()
    {
        var objects = ById();
        var failures = new List<string>();

        foreach (var saved in objects.Values)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in saved.References.EnumerateArray())
            {
                var name = Text(reference, "name")!;
                var type = Text(reference, "type");
                var id = Text(reference, "id")!;
                if (!names.Add(name))
                {
                    failures.Add($"{saved}: reference name {name} is used twice");
                }

                if (!objects.TryGetValue(id, out var target))
                {
                    failures.Add($"{saved}: reference {name} points to {type} {id}, which the file lacks");
                }
                else if (target.Type != type)
                {
                    failures.Add($"{saved}: reference {name} says {id} is a {type}, the file has a {target.Type}");
                }
            }
        }

        AssertNoFailures("references", failures);
    }

    [Theory]
    [MemberData(nameof(DataViews))]
    public void DataView_NamesATemplatedIndexAndItsDateTimeField(string index, string timeField)
    {
        var views = Objects().Where(o => o.Type == "index-pattern" && Text(o.Attributes, "title") == index).ToList();

        Assert.True(views.Count == 1, $"expected one data view titled {index}, found {views.Count}");
        var output = IndexTemplateFilesTests.OutputOfIndex(index);
        Assert.True(output is not null, $"{views[0]}: no index template has index_patterns [{index}]");
        Assert.True(Text(views[0].Attributes, "timeFieldName") == timeField, $"{views[0]}: timeFieldName should be {timeField}");
        var mapped = IndexTemplateFilesTests.MappedFields(output!);
        Assert.True(mapped.GetValueOrDefault(timeField) == "date", $"{views[0]}: time field {timeField} is not mapped as a date in template {output}");
    }

    [Fact]
    public void VisualizationsAndSearches_ReadTheirIndexThroughAReferencedDataView()
    {
        var failures = new List<string>();
        foreach (var saved in Objects().Where(o => o.Type is "visualization" or "search"))
        {
            var index = IndexOf(saved, out var problem);
            if (index is null)
            {
                failures.Add(problem!);
            }
            else if (IndexTemplateFilesTests.OutputOfIndex(index) is null)
            {
                failures.Add($"{saved}: its data view {index} has no index template");
            }
        }

        AssertNoFailures("data view references", failures);
    }

    [Fact]
    public void Visualizations_AggregateMappedFieldsOfSuitableTypes()
    {
        var failures = new List<string>();
        var visualizations = Objects().Where(o => o.Type == "visualization").ToList();

        Assert.NotEmpty(visualizations);
        foreach (var saved in visualizations)
        {
            if (Target(saved, failures) is not var (index, mapped))
            {
                continue;
            }

            var state = JsonString(saved.Attributes, "visState", saved.ToString(), failures);
            if (state is not { } visState)
            {
                continue;
            }

            if (Text(visState, "type") is not { } type || !VisualizationTypes.Contains(type))
            {
                failures.Add($"{saved}: visState.type '{Text(visState, "type")}' is not an aggregation-based chart ({string.Join(", ", VisualizationTypes)})");
            }

            if (Text(visState, "title") != Text(saved.Attributes, "title"))
            {
                failures.Add($"{saved}: visState.title differs from the title");
            }

            JsonString(saved.Attributes, "uiStateJSON", saved.ToString(), failures);
            if (!visState.TryGetProperty("aggs", out var aggs) || aggs.ValueKind != JsonValueKind.Array || aggs.GetArrayLength() == 0)
            {
                failures.Add($"{saved}: visState.aggs is missing or empty");
                continue;
            }

            CheckAggregations(saved, index, aggs, mapped, failures);
        }

        AssertNoFailures("visualization aggregations", failures);
    }

    [Fact]
    public void Searches_ShowAndSortByMappedFields()
    {
        var failures = new List<string>();
        var searches = Objects().Where(o => o.Type == "search").ToList();

        Assert.NotEmpty(searches);
        foreach (var saved in searches)
        {
            if (Target(saved, failures) is not var (index, mapped))
            {
                continue;
            }

            if (!saved.Attributes.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array || columns.GetArrayLength() == 0)
            {
                failures.Add($"{saved}: columns are missing");
            }
            else
            {
                foreach (var column in columns.EnumerateArray().Select(c => c.GetString()!))
                {
                    if (mapped.GetValueOrDefault(column) is null or "object" or "nested")
                    {
                        failures.Add($"{saved}: column {column} is not a field of index {index}");
                    }
                }
            }

            if (!saved.Attributes.TryGetProperty("sort", out var sort) || sort.ValueKind != JsonValueKind.Array)
            {
                failures.Add($"{saved}: sort is missing");
                continue;
            }

            foreach (var order in sort.EnumerateArray())
            {
                var field = order.ValueKind == JsonValueKind.Array && order.GetArrayLength() == 2 ? order[0].GetString() : null;
                var direction = field is null ? null : order[1].GetString();
                var type = field is null ? null : mapped.GetValueOrDefault(field);
                if (field is null || direction is not ("asc" or "desc"))
                {
                    failures.Add($"{saved}: sort entry {order.GetRawText()} is not [field, \"asc\"|\"desc\"]");
                }
                else if (type != "keyword" && !IsDateOrNumber(type))
                {
                    failures.Add($"{saved}: sort field {field} is {(type is null ? "not mapped" : "a " + type)} in index {index}; a date, number or keyword is needed");
                }
            }
        }

        AssertNoFailures("searches", failures);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_EveryPanelShowsAVisualizationOrSearchOfTheFile(string title)
    {
        var dashboard = Dashboard(title);
        var objects = ById();
        var failures = new List<string>();
        var panels = Panels(dashboard, failures);
        var cells = new Dictionary<(int X, int Y), string>();

        JsonString(dashboard.Attributes, "optionsJSON", dashboard.ToString(), failures);
        if (dashboard.Attributes.TryGetProperty("kibanaSavedObjectMeta", out var meta))
        {
            JsonString(meta, "searchSourceJSON", dashboard.ToString(), failures);
        }
        else
        {
            failures.Add($"{dashboard}: kibanaSavedObjectMeta is missing");
        }

        if (!dashboard.Attributes.TryGetProperty("timeRestore", out var timeRestore) || timeRestore.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            failures.Add($"{dashboard}: timeRestore should be a boolean");
        }

        Assert.NotEmpty(panels);
        var panelIndexes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in panels)
        {
            var name = $"{dashboard} panel {Text(panel, "panelIndex")}";
            if (Text(panel, "panelIndex") is not { } panelIndex || !panelIndexes.Add(panelIndex))
            {
                failures.Add($"{name}: panelIndex is missing or not unique");
            }

            CheckGrid(name, panel, cells, failures);
            var refName = Text(panel, "panelRefName");
            var reference = dashboard.References.EnumerateArray().FirstOrDefault(r => Text(r, "name") == refName);
            if (refName is null || reference.ValueKind != JsonValueKind.Object)
            {
                failures.Add($"{name}: panelRefName '{refName}' names no reference of the dashboard");
                continue;
            }

            var type = Text(reference, "type");
            var id = Text(reference, "id")!;
            if (type is not ("visualization" or "search"))
            {
                failures.Add($"{name}: reference {refName} is a {type}, not a visualization or search");
            }
            else if (Text(panel, "type") != type)
            {
                failures.Add($"{name}: panel type '{Text(panel, "type")}' differs from its reference's type {type}");
            }

            if (!objects.TryGetValue(id, out var target) || target.Type != type)
            {
                failures.Add($"{name}: reference {refName} points to {type} {id}, which the file lacks");
            }
        }

        AssertNoFailures(dashboard.ToString(), failures);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_ShowsEveryRequiredChart(string title)
    {
        var dashboard = Dashboard(title);
        var objects = ById();
        var shown = dashboard.References.EnumerateArray()
            .Where(r => Text(r, "name")!.StartsWith("panel_", StringComparison.Ordinal) && objects.ContainsKey(Text(r, "id")!))
            .Select(r => objects[Text(r, "id")!])
            .Select(o => (Object: o, Signature: Signature(o)))
            .ToList();

        var missing = new List<string>();
        foreach (var chart in RequiredCharts[title])
        {
            if (!shown.Any(s => chart.Kinds.Contains(s.Signature.Kind) && s.Signature.Index == chart.Index && s.Signature.Parts.SetEquals(chart.Parts)))
            {
                missing.Add($"'{chart.Name}' ({string.Join("|", chart.Kinds)} over {chart.Index}: {string.Join(", ", chart.Parts)})");
            }
        }

        var actual = string.Join(Environment.NewLine, shown.Select(s => $"  {s.Object}: {s.Signature.Kind} over {s.Signature.Index}: {string.Join(", ", s.Signature.Parts.Order(StringComparer.Ordinal))}"));
        Assert.True(missing.Count == 0, $"{dashboard} lacks {string.Join("; ", missing)}{Environment.NewLine}it shows:{Environment.NewLine}{actual}");
    }

    [Fact]
    public void InsuranceDashboard_HasAtLeastTheElevenListedPanels()
    {
        var dashboard = Dashboard(InsuranceDashboard);

        var panels = Panels(dashboard, []);

        Assert.True(panels.Count >= 11, $"{dashboard} has {panels.Count} panels, expected at least 11");
    }

    [Fact]
    public void InsuranceTables_RankTheTenCustomersWithTheLargestValue()
    {
        var tables = Objects().Where(o => o.Type == "visualization" && Text(VisState(o), "type") == "table").ToList();

        Assert.True(tables.Count >= 2, $"expected the two customer tables, found {tables.Count} table visualizations");
        foreach (var table in tables)
        {
            var aggs = AggregationsOf(table);
            var customers = aggs.Where(a => Text(a, "type") == "terms" && Text(a.GetProperty("params"), "field") == "customer_id").ToList();
            Assert.True(customers.Count == 1, $"{table}: expected one terms aggregation on customer_id, found {customers.Count}");
            var parameters = customers[0].GetProperty("params");
            var orderBy = Text(parameters, "orderBy");
            var ranking = aggs.FirstOrDefault(a => Text(a, "id") == orderBy);

            Assert.True(parameters.TryGetProperty("size", out var size) && size.GetInt32() == 10, $"{table}: the customer_id terms should list 10 customers");
            Assert.True(Text(parameters, "order") == "desc", $"{table}: the customers should be ranked largest first");
            Assert.True(
                ranking.ValueKind == JsonValueKind.Object && Text(ranking, "type") == "max",
                $"{table}: the customers should be ordered by a max aggregation, orderBy is '{orderBy}'");
        }
    }

    [Fact]
    public void TransactionsPerMinute_UsesOneMinuteBuckets()
    {
        var charts = Objects().Where(o => o.Type == "visualization" && Signature(o).Parts.Contains("sum:tx_count")).ToList();
        Assert.True(charts.Count == 1, $"expected one visualization summing tx_count, found {charts.Count}");

        var histograms = AggregationsOf(charts[0]).Where(a => Text(a, "type") == "date_histogram").ToList();

        Assert.True(histograms.Count == 1, $"{charts[0]}: expected one date_histogram aggregation, found {histograms.Count}");
        var interval = Text(histograms[0].GetProperty("params"), "interval");
        Assert.True(interval is "1m" or "m", $"{charts[0]}: the date histogram interval is '{interval}', expected one minute");
    }

    private static void CheckAggregations(SavedObject saved, string index, JsonElement aggs, Dictionary<string, string> mapped, List<string> failures)
    {
        var ids = aggs.EnumerateArray().Select(a => Text(a, "id")).ToList();
        if (ids.Any(id => id is null) || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            failures.Add($"{saved}: aggregation ids are missing or not unique");
        }

        foreach (var agg in aggs.EnumerateArray())
        {
            var type = Text(agg, "type");
            var name = $"{saved} agg {Text(agg, "id")} ({type})";
            if (Text(agg, "schema") is null || !agg.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                failures.Add($"{name}: schema or params is missing");
                continue;
            }

            var field = Text(parameters, "field");
            var fieldType = field is null ? null : mapped.GetValueOrDefault(field);
            string? need = type switch
            {
                "count" => field is null ? null : "no field",
                _ when MetricAggregations.Contains(type ?? "") => fieldType is not null && IndexTemplateFilesTests.NumericTypes.Contains(fieldType) ? null : "a numeric field",
                "terms" => fieldType is not null && (TermsTypes.Contains(fieldType) || IndexTemplateFilesTests.NumericTypes.Contains(fieldType)) ? null : "a keyword, ip, numeric or boolean field",
                "date_histogram" => fieldType == "date" ? null : "a date field",
                "histogram" => fieldType is not null && IndexTemplateFilesTests.NumericTypes.Contains(fieldType) ? null : "a numeric field",
                "cardinality" or "top_hits" => fieldType is not (null or "object" or "nested") ? null : "a mapped field",
                _ => "an aggregation type this test knows",
            };
            if (need is not null)
            {
                var found = field is null ? "no field" : fieldType is null ? $"field {field}, which index {index} does not map" : $"field {field} of type {fieldType}";
                failures.Add($"{name}: needs {need}, has {found}");
            }

            if (type == "top_hits" && Text(parameters, "sortField") is { } sortField
                && !IsDateOrNumber(mapped.GetValueOrDefault(sortField)))
            {
                failures.Add($"{name}: sortField {sortField} should be a date or numeric field of index {index}");
            }

            if (type == "terms" && Text(parameters, "orderBy") is { } orderBy && orderBy is not ("_key" or "_count" or "alphabetical" or "custom")
                && !aggs.EnumerateArray().Any(a => Text(a, "id") == orderBy && Text(a, "schema") == "metric"))
            {
                failures.Add($"{name}: orderBy '{orderBy}' is no metric aggregation of the visualization");
            }
        }
    }

    private static bool IsDateOrNumber(string? type) => type == "date" || (type is not null && IndexTemplateFilesTests.NumericTypes.Contains(type));

    private static void CheckGrid(string name, JsonElement panel, Dictionary<(int X, int Y), string> cells, List<string> failures)
    {
        if (!panel.TryGetProperty("gridData", out var grid) || grid.ValueKind != JsonValueKind.Object)
        {
            failures.Add($"{name}: gridData is missing");
            return;
        }

        var values = new[] { "x", "y", "w", "h" }.Select(k => grid.TryGetProperty(k, out var v) && v.TryGetInt32(out var n) ? n : -1).ToArray();
        var (x, y, w, h) = (values[0], values[1], values[2], values[3]);
        if (values.Any(v => v < 0) || w == 0 || h == 0 || x + w > GridColumns)
        {
            failures.Add($"{name}: gridData {grid.GetRawText()} is not a box within the {GridColumns} columns");
            return;
        }

        if (Text(grid, "i") != Text(panel, "panelIndex"))
        {
            failures.Add($"{name}: gridData.i differs from panelIndex");
        }

        for (var column = x; column < x + w; column++)
        {
            for (var row = y; row < y + h; row++)
            {
                if (!cells.TryAdd((column, row), name))
                {
                    failures.Add($"{name} overlaps {cells[(column, row)]}");
                    return;
                }
            }
        }
    }

    /// <summary>What a visualization or search shows: its kind, its index, and its <c>agg:field</c> (count aside) or <c>column:</c>/<c>sort:</c> parts.</summary>
    private static (string Kind, string? Index, HashSet<string> Parts) Signature(SavedObject saved)
    {
        var index = IndexOf(saved, out _);
        if (saved.Type == "search")
        {
            var columns = saved.Attributes.GetProperty("columns").EnumerateArray().Select(c => "column:" + c.GetString());
            var sort = saved.Attributes.GetProperty("sort").EnumerateArray().Select(s => $"sort:{s[0].GetString()}:{s[1].GetString()}");
            return ("search", index, [.. columns, .. sort]);
        }

        var state = VisState(saved);
        var parts = state.GetProperty("aggs").EnumerateArray()
            .Where(a => Text(a, "type") != "count")
            .Select(a => $"{Text(a, "type")}:{Text(a.GetProperty("params"), "field")}");
        return (Text(state, "type") ?? "", index, [.. parts]);
    }

    /// <summary>The index a visualization or search reads and its template's mapped fields, or null (with the problem noted).</summary>
    private static (string Index, Dictionary<string, string> Mapped)? Target(SavedObject saved, List<string> failures)
    {
        if (IndexOf(saved, out var problem) is not { } index)
        {
            failures.Add(problem!);
            return null;
        }

        return (index, IndexTemplateFilesTests.MappedFields(IndexTemplateFilesTests.OutputOfIndex(index) ?? throw new InvalidOperationException($"{saved}: no template for {index}")));
    }

    /// <summary>The index (data view title) a visualization or search reads, or null with the reason in <paramref name="problem"/>.</summary>
    private static string? IndexOf(SavedObject saved, out string? problem)
    {
        problem = null;
        var failures = new List<string>();
        var source = saved.Attributes.TryGetProperty("kibanaSavedObjectMeta", out var meta)
            ? JsonString(meta, "searchSourceJSON", saved.ToString(), failures)
            : null;
        if (source is not { } searchSource)
        {
            problem = failures.FirstOrDefault() ?? $"{saved}: kibanaSavedObjectMeta.searchSourceJSON is missing";
            return null;
        }

        if (Text(searchSource, "indexRefName") != IndexRefName)
        {
            problem = $"{saved}: searchSourceJSON.indexRefName should be {IndexRefName}";
            return null;
        }

        var reference = saved.References.EnumerateArray().FirstOrDefault(r => Text(r, "name") == IndexRefName);
        if (reference.ValueKind != JsonValueKind.Object || Text(reference, "type") != "index-pattern")
        {
            problem = $"{saved}: no index-pattern reference named {IndexRefName}";
            return null;
        }

        var view = Objects().FirstOrDefault(o => o.Type == "index-pattern" && o.Id == Text(reference, "id"));
        if (view is null)
        {
            problem = $"{saved}: its data view {Text(reference, "id")} is not in the file";
            return null;
        }

        return Text(view.Attributes, "title");
    }

    private static List<JsonElement> AggregationsOf(SavedObject visualization) =>
        VisState(visualization).TryGetProperty("aggs", out var aggs) && aggs.ValueKind == JsonValueKind.Array
            ? [.. aggs.EnumerateArray()]
            : throw new InvalidOperationException($"{visualization}: visState.aggs is missing");

    private static JsonElement VisState(SavedObject saved)
    {
        using var document = JsonDocument.Parse(Text(saved.Attributes, "visState") ?? throw new InvalidOperationException($"{saved}: visState is missing"));
        return document.RootElement.Clone();
    }

    private static SavedObject Dashboard(string title)
    {
        var dashboards = Objects().Where(o => o.Type == "dashboard" && Text(o.Attributes, "title") == title).ToList();
        Assert.True(dashboards.Count == 1, $"expected one dashboard titled '{title}', found {dashboards.Count}");
        return dashboards[0];
    }

    private static List<JsonElement> Panels(SavedObject dashboard, List<string> failures)
    {
        var panels = JsonString(dashboard.Attributes, "panelsJSON", dashboard.ToString(), failures);
        Assert.True(panels is { ValueKind: JsonValueKind.Array }, $"{dashboard}: panelsJSON is not a JSON array string");
        return [.. panels.Value.EnumerateArray()];
    }

    /// <summary>A property holding JSON as a string (visState, panelsJSON, ...), parsed; null, with a failure, when it is not.</summary>
    private static JsonElement? JsonString(JsonElement owner, string property, string name, List<string> failures)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            failures.Add($"{name}: {property} should be a JSON string");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value.GetString()!);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            failures.Add($"{name}: {property} does not parse: {ex.Message}");
            return null;
        }
    }

    private static List<SavedObject> Objects() =>
        [.. File.ReadAllLines(NdjsonPath)
            .Select((line, i) => (Line: i + 1, Text: line))
            .Where(l => !string.IsNullOrWhiteSpace(l.Text))
            .Select(l =>
            {
                using var document = JsonDocument.Parse(l.Text);
                var root = document.RootElement.Clone();
                return new SavedObject(l.Line, Text(root, "type") ?? "", Text(root, "id") ?? "", root.GetProperty("attributes"), root.GetProperty("references"));
            })];

    /// <summary>The objects by id; of objects sharing an id (which <see cref="Ids_AreUnique"/> reports), the first.</summary>
    private static Dictionary<string, SavedObject> ById() => Objects().DistinctBy(o => o.Id).ToDictionary(o => o.Id, StringComparer.Ordinal);

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void AssertNoFailures(string what, List<string> failures) =>
        Assert.True(failures.Count == 0, $"{what}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");

    private sealed record SavedObject(int Line, string Type, string Id, JsonElement Attributes, JsonElement References)
    {
        public override string ToString() => $"{Type} {Id} (line {Line})";
    }

    private sealed record Chart(string Name, string[] Kinds, string Index, string[] Parts);
}
