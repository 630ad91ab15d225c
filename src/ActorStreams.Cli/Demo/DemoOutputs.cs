using System.Text.Json;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli.Demo;

/// <summary>
/// Follows two output topics for the view, with a consumer of its own, outside the cluster: <c>fraud-alerts</c> (the latest
/// alerts and, per merchant category, the alerts received in the last minute) and <c>merchant-metrics</c> (per
/// category, the transactions of the latest one-minute window the merchant actors emitted). Alert ids and metric
/// ids are deterministic, so records re-emitted after a replay are counted once.
/// </summary>
internal sealed class DemoOutputs : IAsyncDisposable
{
    private const int LatestCapacity = 8;
    private const int KeptWindows = 3;
    private static readonly TimeSpan AlertWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly GlobalTableReader _alerts;
    private readonly GlobalTableReader _metrics;
    private readonly LinkedList<DemoAlert> _latest = new();
    private readonly Queue<(DateTimeOffset Received, string AlertId, string Category)> _recent = new();
    private readonly HashSet<string> _recentIds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<DateTimeOffset, MerchantWindow> _windows = [];
    private long _unreadable;
    private int _disposed;

    public DemoOutputs(KafkaSettings kafka, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _time = time;
        _alerts = new GlobalTableReader(kafka, kafka.Topics.FraudAlerts, OnAlert, loggerFactory.CreateLogger<GlobalTableReader>());
        _metrics = new GlobalTableReader(kafka, kafka.Topics.MerchantMetrics, OnMetric, loggerFactory.CreateLogger<GlobalTableReader>());
    }

    /// <summary>Starts following both topics (from their beginning: the demo's broker is new).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _alerts.StartAsync(cancellationToken).ConfigureAwait(false);
        await _metrics.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the view shows of the outputs now.</summary>
    public DemoOutputsView View(int topCategories)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            var alertsByCategory = _recent.GroupBy(r => r.Category, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var window = _windows.Count > 0 ? _windows.Last() : default(KeyValuePair<DateTimeOffset, MerchantWindow>?);
            var categories = alertsByCategory.Keys
                .Union(window?.Value.Categories.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal)
                .Select(category =>
                {
                    var totals = window?.Value.Categories.GetValueOrDefault(category);
                    return new DemoCategory(category, alertsByCategory.GetValueOrDefault(category), totals?.Transactions ?? 0, totals?.Amount ?? 0, totals?.FraudTransactions ?? 0);
                })
                .OrderByDescending(c => c.WindowTransactions)
                .ThenByDescending(c => c.AlertsLastMinute)
                .ThenBy(c => c.Category, StringComparer.Ordinal)
                .Take(topCategories)
                .ToList();
            return new DemoOutputsView
            {
                LatestAlerts = [.. _latest],
                Categories = categories,
                WindowStart = window?.Key,
                UnreadableRecords = Interlocked.Read(ref _unreadable),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _alerts.DisposeAsync().ConfigureAwait(false);
        await _metrics.DisposeAsync().ConfigureAwait(false);
    }

    private void OnAlert(KafkaTableRecord record)
    {
        if (record.Value is not { } value)
        {
            return;
        }

        DemoAlert alert;
        try
        {
            using var json = JsonDocument.Parse(value);
            var root = json.RootElement;
            alert = new DemoAlert(
                root.GetProperty("alert_id").GetString()!,
                root.GetProperty("rule").GetString()!,
                root.GetProperty("customer_id").GetInt64(),
                root.GetProperty("amount").GetDecimal(),
                root.GetProperty("merchant_id").GetString()!,
                root.GetProperty("merchant_category").GetString()!,
                root.GetProperty("event_time").GetDateTimeOffset());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            if (!_recentIds.Add(alert.AlertId))
            {
                return;
            }

            _recent.Enqueue((now, alert.AlertId, alert.MerchantCategory));
            _latest.AddFirst(alert);
            if (_latest.Count > LatestCapacity)
            {
                _latest.RemoveLast();
            }
        }
    }

    private void OnMetric(KafkaTableRecord record)
    {
        if (record.Value is not { } value)
        {
            return;
        }

        string metricId;
        string category;
        DateTimeOffset windowStart;
        long transactions;
        decimal amount;
        long fraud;
        try
        {
            using var json = JsonDocument.Parse(value);
            var root = json.RootElement;
            metricId = root.GetProperty("metric_id").GetString()!;
            category = root.GetProperty("merchant_category").GetString()!;
            windowStart = root.GetProperty("window_start").GetDateTimeOffset();
            transactions = root.GetProperty("tx_count").GetInt64();
            amount = root.GetProperty("total_amount").GetDecimal();
            fraud = root.GetProperty("fraud_alert_count").GetInt64();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        lock (_gate)
        {
            if (!_windows.TryGetValue(windowStart, out var window))
            {
                if (_windows.Count >= KeptWindows && windowStart < _windows.First().Key)
                {
                    return;
                }

                window = new MerchantWindow();
                _windows.Add(windowStart, window);
                while (_windows.Count > KeptWindows)
                {
                    _windows.Remove(_windows.First().Key);
                }
            }

            if (window.MetricIds.Add(metricId))
            {
                var totals = window.Categories.GetValueOrDefault(category) ?? new CategoryTotals();
                totals.Transactions += transactions;
                totals.Amount += amount;
                totals.FraudTransactions += fraud;
                window.Categories[category] = totals;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_recent.TryPeek(out var oldest) && now - oldest.Received > AlertWindow)
        {
            _recent.Dequeue();
            _recentIds.Remove(oldest.AlertId);
        }
    }

    private sealed class MerchantWindow
    {
        public HashSet<string> MetricIds { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CategoryTotals> Categories { get; } = new(StringComparer.Ordinal);
    }

    private sealed class CategoryTotals
    {
        public long Transactions { get; set; }

        public decimal Amount { get; set; }

        public long FraudTransactions { get; set; }
    }
}
