using System.Globalization;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse.Tests.Fixtures;

/// <summary>
/// A lake in a temporary directory, written with DuckDB itself (<c>COPY (SELECT …) TO … (FORMAT PARQUET)</c>) with the
/// columns and types docs/lake.md lists, typed out here by hand rather than derived from the code under test.
/// </summary>
public sealed class TestLake : IDisposable
{
    public const string Node = "node-1";

    /// <summary>docs/lake.md's columns per dataset, in order, with their DuckDB types.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string Type)[]> Columns = new Dictionary<string, (string, string)[]>
    {
        ["transactions"] =
        [
            ("transaction_id", "VARCHAR"), ("customer_id", "BIGINT"), ("merchant_id", "VARCHAR"), ("merchant_category", "VARCHAR"), ("amount", "DOUBLE"),
            ("currency", "VARCHAR"), ("payment_method", "VARCHAR"), ("device_id", "VARCHAR"), ("ip_address", "VARCHAR"), ("latitude", "DOUBLE"),
            ("longitude", "DOUBLE"), ("country", "VARCHAR"), ("city", "VARCHAR"), ("timestamp", "TIMESTAMPTZ"), ("is_fraud", "BOOLEAN"),
            ("duplicate", "BOOLEAN"), ("kafka_partition", "INTEGER"), ("kafka_offset", "BIGINT"),
        ],
        ["customer_activity"] =
        [
            ("activity_id", "BIGINT"), ("customer_id", "BIGINT"), ("activity_type", "VARCHAR"), ("propensity_to_churn", "DOUBLE"), ("ip_address", "VARCHAR"),
            ("offer_id", "BIGINT"), ("timestamp", "TIMESTAMPTZ"), ("duplicate", "BOOLEAN"), ("kafka_partition", "INTEGER"), ("kafka_offset", "BIGINT"),
        ],
        ["fraud_alerts"] =
        [
            ("alert_id", "VARCHAR"), ("rule", "VARCHAR"), ("customer_id", "BIGINT"), ("transaction_id", "VARCHAR"), ("merchant_id", "VARCHAR"),
            ("merchant_category", "VARCHAR"), ("amount", "DOUBLE"), ("event_time", "TIMESTAMPTZ"), ("detected_at", "TIMESTAMPTZ"), ("severity", "VARCHAR"),
            ("details", "VARCHAR"), ("location", "VARCHAR"), ("kafka_partition", "INTEGER"), ("kafka_offset", "BIGINT"),
        ],
        ["churn_alerts"] =
        [
            ("alert_id", "VARCHAR"), ("rule", "VARCHAR"), ("customer_id", "BIGINT"), ("activity_id", "BIGINT"), ("activity_type", "VARCHAR"),
            ("event_id", "VARCHAR"), ("trigger", "VARCHAR"), ("score", "DOUBLE"), ("model_score", "DOUBLE"), ("previous_score", "DOUBLE"),
            ("threshold", "DOUBLE"), ("model", "VARCHAR"), ("model_version", "VARCHAR"), ("event_time", "TIMESTAMPTZ"), ("detected_at", "TIMESTAMPTZ"),
            ("kafka_partition", "INTEGER"), ("kafka_offset", "BIGINT"),
        ],
        ["merchant_metrics"] =
        [
            ("metric_id", "VARCHAR"), ("merchant_id", "VARCHAR"), ("merchant_category", "VARCHAR"), ("window_start", "TIMESTAMPTZ"), ("window_end", "TIMESTAMPTZ"),
            ("tx_count", "BIGINT"), ("total_amount", "DOUBLE"), ("avg_amount", "DOUBLE"), ("max_amount", "DOUBLE"), ("fraud_alert_count", "BIGINT"),
            ("fraud_labeled_count", "BIGINT"), ("kafka_partition", "INTEGER"), ("kafka_offset", "BIGINT"),
        ],
        ["dead_letters"] =
        [
            ("source_topic", "VARCHAR"), ("partition", "INTEGER"), ("offset", "BIGINT"), ("key", "VARCHAR"), ("value", "VARCHAR"), ("value_base64", "VARCHAR"),
            ("error", "VARCHAR"), ("failed_at", "TIMESTAMPTZ"), ("kafka_partition", "INTEGER"), ("kafka_offset", "BIGINT"),
        ],
    };

    private readonly DuckDBConnection _connection;

    public TestLake()
    {
        Directory = Path.Combine(Path.GetTempPath(), "actorstreams-lake-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "lake"));
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
    }

    /// <summary>The temporary folder: the lake is <see cref="Root"/>, and tests put their warehouse and reports beside it.</summary>
    public string Directory { get; }

    public string Root => Path.Combine(Directory, "lake");

    public string WarehousePath => Path.Combine(Directory, "warehouse.duckdb");

    /// <summary>The standard small lake's rows, kept for the tests' own computations.</summary>
    public List<TxRow> Transactions { get; } = [];

    public List<ActivityRow> Activities { get; } = [];

    public List<FraudAlertRow> FraudAlerts { get; } = [];

    /// <summary>
    /// Three hours of 2026-11-22 (05, 06, 07), transactions on partitions 0 and 1 with contiguous offsets across the hours,
    /// a dead letter holding one of them, a duplicate (flagged), a late transaction (event time in 05, offset after the
    /// 06 ones: its own file in hour 05), activity in 05 and 06 only (07 has no conversion), fraud alerts, a churn alert,
    /// merchant metrics, two currencies and a transaction without a location.
    /// </summary>
    public static TestLake CreateStandard()
    {
        var lake = new TestLake();
        var h5 = At(5, 0);
        var h6 = At(6, 0);
        var h7 = At(7, 0);
        TxRow[] p0 =
        [
            new("t-01", 101, "electronics", 120.50, "USD", "US", "Seattle", h5.AddMinutes(1), 0, 0),
            new("t-02", 102, "books", 15.25, "USD", "US", "Portland", h5.AddMinutes(5), 0, 1),
            new("t-03", 101, "electronics", 2500.00, "USD", "US", "Seattle", h5.AddMinutes(9), 0, 2),
            // offset 3 is a dead letter
            new("t-04", 103, "grocery", 42.10, "EUR", "DE", "Berlin", h5.AddMinutes(30), 0, 4),
            new("t-05", 104, "travel", 880.00, "EUR", "FR", "Paris", h6.AddMinutes(2), 0, 5),
            new("t-05", 104, "travel", 880.00, "EUR", "FR", "Paris", h6.AddMinutes(3), 0, 6, Duplicate: true),
            new("t-06", 101, "books", 9.99, "USD", null, null, h6.AddMinutes(40), 0, 7),
            // late: happened in hour 05, read after the hour-06 records
            new("t-07", 105, "grocery", 33.30, "USD", "US", "Seattle", h5.AddMinutes(59), 0, 8),
            new("t-08", 102, "electronics", 310.00, "USD", "US", "Portland", h7.AddMinutes(1), 0, 9),
        ];
        TxRow[] p1 =
        [
            new("t-11", 201, "clothing", 60.00, "EUR", "DE", "Munich", h5.AddMinutes(10), 1, 0),
            new("t-12", 202, "electronics", 999.99, "USD", "US", "Austin", h5.AddMinutes(20), 1, 1),
            new("t-13", 201, "clothing", 75.40, "EUR", "DE", "Munich", h6.AddMinutes(15), 1, 2),
            new("t-14", 203, "jewelry", 1450.00, "USD", "US", "Austin", h7.AddMinutes(30), 1, 3),
        ];
        lake.Transactions.AddRange(p0);
        lake.Transactions.AddRange(p1);
        lake.WriteTransactions(p0[..3], p0[3..4]);
        lake.WriteTransactions(p0[4..7]);
        lake.WriteTransactions(p0[7..8]);
        lake.WriteTransactions(p0[8..]);
        lake.WriteTransactions(p1[..2]);
        lake.WriteTransactions(p1[2..3]);
        lake.WriteTransactions(p1[3..]);
        lake.WriteDeadLetters(new DeadLetterRow("transactions", 0, 3, h5.AddMinutes(12), "missing required field \"amount\""));

        ActivityRow[] activity =
        [
            new(9001, 101, h5.AddMinutes(0), 0, 0),
            new(9002, 103, h5.AddMinutes(3), 0, 1),
            new(9003, 301, h5.AddMinutes(4), 0, 2),
            new(9003, 301, h5.AddMinutes(4), 0, 3, Duplicate: true),
            new(9004, 201, h6.AddMinutes(1), 0, 4),
            new(9005, 302, h6.AddMinutes(2), 0, 5),
            new(9006, 303, h6.AddMinutes(3), 0, 6),
        ];
        lake.Activities.AddRange(activity);
        lake.WriteActivities(activity[..4]);
        lake.WriteActivities(activity[4..]);

        FraudAlertRow[] alerts =
        [
            new("t-03", "HIGH_AMOUNT", 101, "electronics", 2500.00, h5.AddMinutes(9), 0, 2),
            new("t-03", "VELOCITY", 101, "electronics", 2500.00, h5.AddMinutes(9), 0, 2),
            new("t-05", "NEW_DEVICE", 104, "travel", 880.00, h6.AddMinutes(2), 0, 5),
            new("t-14", "HIGH_AMOUNT", 203, "jewelry", 1450.00, h7.AddMinutes(30), 1, 3),
        ];
        lake.FraudAlerts.AddRange(alerts);
        lake.WriteFraudAlerts(alerts[..2]);
        lake.WriteFraudAlerts(alerts[2..3]);
        lake.WriteFraudAlerts(alerts[3..]);
        lake.WriteChurnAlerts(new ChurnAlertRow(9005, 302, h6.AddMinutes(2), 0, 5));
        lake.WriteMerchantMetrics(new MerchantMetricRow("m-electronics-001", "electronics", h5.AddMinutes(1), 2, 2620.50, 0, 0));
        return lake;
    }

    public static DateTimeOffset At(int hour, int minute) => new(2026, 11, 22, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Writes transactions: one file per event-time hour (or <paramref name="hour"/>), named by partition and first offset.</summary>
    public IReadOnlyList<string> WriteTransactions(IEnumerable<TxRow> rows, IEnumerable<TxRow>? more = null, DateTimeOffset? hour = null) =>
        WriteByHour("transactions", rows.Concat(more ?? []), r => r.Timestamp, r => r.Partition, r => r.Offset, hour, r =>
        [
            Text(r.TransactionId), Num(r.CustomerId), Text($"m-{r.Category}-001"), Text(r.Category), Num(r.Amount), Text(r.Currency), Text("credit_card"),
            Text("dev-1"), Text("10.0.0.1"), "NULL", "NULL", Text(r.Country), Text(r.City), Time(r.Timestamp), "NULL",
            r.Duplicate ? "true" : "false", Num(r.Partition), Num(r.Offset),
        ]);

    public IReadOnlyList<string> WriteActivities(IEnumerable<ActivityRow> rows, DateTimeOffset? hour = null) =>
        WriteByHour("customer_activity", rows, r => r.Timestamp!.Value, r => r.Partition, r => r.Offset, hour, r =>
        [
            Num(r.ActivityId), Num(r.CustomerId), Text("web_open"), "0.5", Text("10.0.0.2"), "NULL", Time(r.Timestamp),
            r.Duplicate ? "true" : "false", Num(r.Partition), Num(r.Offset),
        ]);

    public IReadOnlyList<string> WriteFraudAlerts(IEnumerable<FraudAlertRow> rows, DateTimeOffset? hour = null) =>
        WriteByHour("fraud_alerts", rows, r => r.EventTime, r => r.Partition, r => r.Offset, hour, r =>
        [
            Text(r.AlertId), Text(r.Rule), Num(r.CustomerId), Text(r.TransactionId), Text($"m-{r.Category}-001"), Text(r.Category), Num(r.Amount),
            Time(r.EventTime), Time(r.EventTime.AddSeconds(1)), Text("HIGH"), Text("{\"threshold\":2000.0}"), "NULL", Num(r.Partition), Num(r.Offset),
        ]);

    public IReadOnlyList<string> WriteChurnAlerts(params ChurnAlertRow[] rows) =>
        WriteByHour("churn_alerts", rows, r => r.EventTime, r => r.Partition, r => r.Offset, null, r =>
        [
            Text($"{r.ActivityId}:CHURN_RISK"), "NULL", Num(r.CustomerId), Num(r.ActivityId), Text("web_open"), "NULL", "NULL", "0.75", "NULL", "0.65",
            "0.7", "NULL", "NULL", Time(r.EventTime), Time(r.EventTime.AddSeconds(1)), Num(r.Partition), Num(r.Offset),
        ]);

    public IReadOnlyList<string> WriteMerchantMetrics(params MerchantMetricRow[] rows) =>
        WriteByHour("merchant_metrics", rows, r => r.WindowStart, r => r.Partition, r => r.Offset, null, r =>
        [
            Text($"{r.MerchantId}:{r.WindowStart:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}"), Text(r.MerchantId), Text(r.Category), Time(r.WindowStart),
            Time(r.WindowStart.AddMinutes(1)), Num(r.TxCount), Num(r.Total), Num(r.Total / r.TxCount), Num(r.Total), "0", "0", Num(r.Partition), Num(r.Offset),
        ]);

    public IReadOnlyList<string> WriteDeadLetters(params DeadLetterRow[] rows) =>
        WriteByHour("dead_letters", rows, r => r.SourceTimestamp, r => r.Partition, r => r.Offset, null, r =>
        [
            Text(r.SourceTopic), Num(r.Partition), Num(r.Offset), Text("101"), Text("{\"broken\":true}"), "NULL", Text(r.Error),
            Time(r.SourceTimestamp.AddSeconds(1)), Num(r.Partition), Num(r.Offset),
        ]);

    /// <summary>Writes any <c>SELECT</c> as a Parquet file at <paramref name="relativePath"/> under the lake (for files made to break a check).</summary>
    public string WriteSelect(string relativePath, string select)
    {
        var path = Path.Combine(Root, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var command = _connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT PARQUET)";
        command.ExecuteNonQuery();
        return path;
    }

    /// <summary>The <c>SELECT</c> of <paramref name="dataset"/>'s columns over rows of SQL literals (cast to the column types).</summary>
    public static string Select(string dataset, IEnumerable<string[]> rows)
    {
        var columns = Columns[dataset];
        var values = string.Join(",\n", rows.Select(r => "(" + string.Join(", ", r) + ")"));
        return $"SELECT {string.Join(", ", columns.Select((c, i) => $"CAST(col{i} AS {c.Type}) AS \"{c.Name}\""))} " +
            $"FROM (VALUES {values}) v({string.Join(", ", columns.Select((_, i) => $"col{i}"))})";
    }

    public static string PartPath(string dataset, DateTimeOffset hour, int partition, long firstOffset) =>
        string.Create(CultureInfo.InvariantCulture, $"{dataset}/dt={hour:yyyy-MM-dd}/hour={hour:HH}/part-{Node}-{partition}-{firstOffset}.parquet");

    public static string Text(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? "TIMESTAMPTZ '" + v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+00'" : "NULL";

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temporary folder is left to the system.
        }
    }

    private List<string> WriteByHour<T>(
        string dataset, IEnumerable<T> rows, Func<T, DateTimeOffset> time, Func<T, int> partition, Func<T, long> offset, DateTimeOffset? hour, Func<T, string[]> values)
    {
        var paths = new List<string>();
        foreach (var group in rows.GroupBy(r => (Hour: Floor(hour ?? time(r)), Partition: partition(r))))
        {
            var list = group.ToList();
            paths.Add(WriteSelect(PartPath(dataset, group.Key.Hour, group.Key.Partition, offset(list[0])), Select(dataset, list.Select(values))));
        }

        return paths;
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
}
