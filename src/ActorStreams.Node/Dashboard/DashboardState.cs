using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Node.Dashboard;

/// <summary>
/// The dashboard's aggregates over the output topics (docs/design.md §5), fed one record at a time. Every output record
/// carries a deterministic id, and a record emitted again (after a replay, or an enriched record re-emitted when
/// details change) replaces the one with its id, so each counts once. Windowed panels keep the last
/// <see cref="Window"/> of event time, up to the newest event seen on their topic; per-record state (activities,
/// customers, loan applications) keeps the latest <see cref="MaxRecords"/> ids each, oldest first out. Not thread-safe:
/// the feed serialises access.
/// </summary>
internal sealed class DashboardState(TimeSpan window, int maxRecords)
{
    private const int LatestAlerts = 25;
    private const int TopCustomers = 10;

    private readonly MinuteWindows<MerchantRow> _merchantWindows = new(window);
    private readonly MinuteWindows<AlertEntry> _fraudAlerts = new(window);
    private readonly MinuteWindows<AlertEntry> _churnAlerts = new(window);
    private readonly MinuteWindows<LoanStatRow> _loanWindows = new(window);
    private readonly LinkedList<AlertRow> _latest = new();
    private readonly Bounded<long, Activity> _activities = new(maxRecords);
    private readonly Bounded<long, Customer> _customers = new(maxRecords);
    private readonly Bounded<string, LoanRisk> _loanRisks = new(maxRecords);
    private readonly Dictionary<string, (long Count, double ScoreSum)> _byActivityType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, long IncomeSum)> _byGender = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Level), long> _riskLevels = [];
    private readonly SortedSet<(long Income, long CustomerId)> _byIncome = [];
    private long _ficoSum;
    private long _yearsSum;
    private long _detailedCustomers;
    private long _unreadable;

    /// <summary>How much event time the windowed panels keep.</summary>
    public TimeSpan Window { get; } = window;

    /// <summary>How many ids each per-record table keeps.</summary>
    public int MaxRecords { get; } = maxRecords;

    /// <summary>Applies a <c>fraud-alerts</c> record.</summary>
    public void ApplyFraudAlert(ReadOnlySpan<byte> json) => Apply(json, root =>
    {
        var id = Text(root, "alert_id");
        var eventTime = Time(root, "event_time");
        if (id is null || eventTime is null)
        {
            return false;
        }

        var rule = Text(root, "rule") ?? "?";
        var category = Text(root, "merchant_category") ?? "(none)";
        _fraudAlerts.Put(eventTime.Value, id, new AlertEntry(rule, category));
        AddLatest(new AlertRow("fraud", id, rule, Int64(root, "customer_id") ?? 0, category, Number(root, "amount") ?? 0, eventTime.Value, Time(root, "detected_at") ?? eventTime.Value));
        return true;
    });

    /// <summary>Applies a <c>churn-alerts</c> record.</summary>
    public void ApplyChurnAlert(ReadOnlySpan<byte> json) => Apply(json, root =>
    {
        var id = Text(root, "alert_id");
        var eventTime = Time(root, "event_time");
        if (id is null || eventTime is null)
        {
            return false;
        }

        var type = Text(root, "activity_type") ?? "(none)";
        _churnAlerts.Put(eventTime.Value, id, new AlertEntry("CHURN_RISK", type));
        AddLatest(new AlertRow("churn", id, "CHURN_RISK", Int64(root, "customer_id") ?? 0, type, Number(root, "score") ?? 0, eventTime.Value, Time(root, "detected_at") ?? eventTime.Value));
        return true;
    });

    /// <summary>Applies a <c>merchant-metrics</c> record.</summary>
    public void ApplyMerchantMetric(ReadOnlySpan<byte> json) => Apply(json, root =>
    {
        var id = Text(root, "metric_id");
        var start = Time(root, "window_start");
        if (id is null || start is null)
        {
            return false;
        }

        _merchantWindows.Put(start.Value, id, new MerchantRow(
            Text(root, "merchant_category") ?? "(none)", Int64(root, "tx_count") ?? 0, Number(root, "total_amount") ?? 0));
        return true;
    });

    /// <summary>Applies a <c>loan-stats</c> record.</summary>
    public void ApplyLoanStats(ReadOnlySpan<byte> json) => Apply(json, root =>
    {
        var id = Text(root, "metric_id");
        var start = Time(root, "window_start");
        if (id is null || start is null)
        {
            return false;
        }

        _loanWindows.Put(start.Value, id, new LoanStatRow(Text(root, "channel") ?? "(none)", Int64(root, "applications") ?? 0, Int64(root, "approved") ?? 0));
        return true;
    });

    /// <summary>Applies a <c>loan-risk</c> record.</summary>
    public void ApplyLoanRisk(ReadOnlySpan<byte> json) => Apply(json, root =>
    {
        if (Text(root, "application_id") is not { } id)
        {
            return false;
        }

        var risk = new LoanRisk(Text(root, "channel") ?? "(none)", Text(root, "risk_level") ?? "(none)");
        _loanRisks.Put(id, risk, added => Count(_riskLevels, (added.Channel, added.Level), 1), removed => Count(_riskLevels, (removed.Channel, removed.Level), -1));
        return true;
    });

    /// <summary>Applies an <c>enriched-activity</c> record: the activity, and the customer's details when it has them.</summary>
    public void ApplyEnrichedActivity(ReadOnlySpan<byte> json) => Apply(json, root =>
    {
        if (Int64(root, "activity_id") is not { } activityId || Int64(root, "customer_id") is not { } customerId)
        {
            return false;
        }

        var activity = new Activity(Text(root, "activity_type") ?? "(none)", Number(root, "churn_score") ?? 0);
        _activities.Put(activityId, activity, AddActivity, RemoveActivity);
        if (Int64(root, "income") is { } income && Int64(root, "fico") is { } fico)
        {
            var name = $"{Text(root, "first_name")} {Text(root, "last_name")}".Trim();
            var customer = new Customer(customerId, name, Text(root, "gender") ?? "(none)", income, (int)fico, (int)(Int64(root, "years_active") ?? 0));
            _customers.Put(customerId, customer, AddCustomer, RemoveCustomer);
        }

        return true;
    });

    /// <summary>The panels now (the cluster rows come from the caller).</summary>
    public DashboardSnapshot Snapshot(DateTimeOffset now, string nodeId, long sequence, IReadOnlyList<NodeRow> nodes)
    {
        var merchant = _merchantWindows.Windows;
        var fraud = _fraudAlerts.Windows;
        var perMinute = merchant.Select(w => new MinuteCount(w.Key, w.Value.Values.Sum(r => r.Transactions))).ToList();
        // One pass over the window's alerts: per category, and per rule and minute.
        var alertsByCategory = new Dictionary<string, long>(StringComparer.Ordinal);
        var byRule = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var column = 0;
        foreach (var alerts in fraud.Values)
        {
            foreach (var alert in alerts.Values)
            {
                Count(alertsByCategory, alert.Subject, 1);
                if (!byRule.TryGetValue(alert.Rule, out var counts))
                {
                    byRule[alert.Rule] = counts = new long[fraud.Count];
                }

                counts[column]++;
            }

            column++;
        }

        var totalsByCategory = merchant.SelectMany(w => w.Value.Values)
            .GroupBy(r => r.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Count: g.Sum(r => r.Transactions), Amount: g.Sum(r => r.Amount)), StringComparer.Ordinal);
        var categories = totalsByCategory.Keys.Union(alertsByCategory.Keys, StringComparer.Ordinal)
            .Select(category =>
            {
                var (count, amount) = totalsByCategory.GetValueOrDefault(category);
                return new CategoryRow(category, count, count == 0 ? 0 : Math.Round(amount / count, 2), alertsByCategory.GetValueOrDefault(category));
            })
            .OrderByDescending(c => c.Transactions).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();

        var minutes = fraud.Keys.ToList();
        var rules = byRule.Select(r => new RuleCounts(r.Key, r.Value)).ToList();

        var churnByType = _churnAlerts.Windows.SelectMany(w => w.Value.Values).GroupBy(a => a.Subject, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var activityTypes = _byActivityType.Keys.Union(churnByType.Keys, StringComparer.Ordinal)
            .Select(type =>
            {
                var (count, sum) = _byActivityType.GetValueOrDefault(type);
                return new ActivityTypeRow(type, count, count == 0 ? 0 : Math.Round(sum / count, 4), churnByType.GetValueOrDefault(type));
            })
            .OrderByDescending(t => t.Activities).ThenBy(t => t.ActivityType, StringComparer.Ordinal)
            .ToList();

        var customers = _detailedCustomers;
        var insurance = new InsuranceView(
            customers,
            customers == 0 ? 0 : Math.Round((double)_ficoSum / customers, 1),
            customers == 0 ? 0 : Math.Round((double)_yearsSum / customers, 2),
            [.. _byGender.Where(g => g.Value.Count > 0).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new GenderRow(g.Key, g.Value.Count, Math.Round((double)g.Value.IncomeSum / g.Value.Count, 0)))],
            [.. _byIncome.Reverse().Take(TopCustomers).Select(e => _customers.Get(e.CustomerId)!)
                .Select(c => new TopCustomer(c.Id, c.Name, c.Income, c.Fico, c.YearsActive))]);

        var loanRows = _loanWindows.Windows.SelectMany(w => w.Value.Values).GroupBy(r => r.Channel, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Applications: g.Sum(r => r.Applications), Approved: g.Sum(r => r.Approved)), StringComparer.Ordinal);
        var channels = loanRows.Keys.Union(_riskLevels.Keys.Select(k => k.Channel), StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(channel =>
            {
                var (applications, approved) = loanRows.GetValueOrDefault(channel);
                var levels = _riskLevels.Where(r => r.Key.Channel == channel && r.Value > 0).OrderBy(r => r.Key.Level, StringComparer.Ordinal)
                    .ToDictionary(r => r.Key.Level, r => r.Value, StringComparer.Ordinal);
                return new LoanChannelRow(channel, applications, approved, applications == 0 ? 0 : Math.Round((double)approved / applications, 4), levels);
            })
            .ToList();

        var totals = new DashboardTotals(_fraudAlerts.Count, _churnAlerts.Count, _activities.Count, _merchantWindows.Count, _loanRisks.Count, _unreadable);
        return new DashboardSnapshot(now, nodeId, sequence, totals, perMinute, categories, new RuleSeries(minutes, rules), [.. _latest], activityTypes, insurance, channels, nodes);
    }

    private void Apply(ReadOnlySpan<byte> json, Func<JsonElement, bool> apply)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !apply(document.RootElement))
            {
                _unreadable++;
            }
        }
        catch (JsonException)
        {
            _unreadable++;
        }
    }

    private void AddLatest(AlertRow alert)
    {
        for (var node = _latest.First; node is not null; node = node.Next)
        {
            if (node.Value.AlertId == alert.AlertId)
            {
                return;
            }
        }

        var at = _latest.First;
        while (at is not null && at.Value.DetectedAt > alert.DetectedAt)
        {
            at = at.Next;
        }

        if (at is null)
        {
            _latest.AddLast(alert);
        }
        else
        {
            _latest.AddBefore(at, alert);
        }

        if (_latest.Count > LatestAlerts)
        {
            _latest.RemoveLast();
        }
    }

    private void AddActivity(Activity activity) => Sum(_byActivityType, activity.Type, 1, activity.ChurnScore);

    private void RemoveActivity(Activity activity) => Sum(_byActivityType, activity.Type, -1, -activity.ChurnScore);

    private void AddCustomer(Customer customer)
    {
        _detailedCustomers++;
        _ficoSum += customer.Fico;
        _yearsSum += customer.YearsActive;
        var (count, income) = _byGender.GetValueOrDefault(customer.Gender);
        _byGender[customer.Gender] = (count + 1, income + customer.Income);
        _byIncome.Add((customer.Income, customer.Id));
    }

    private void RemoveCustomer(Customer customer)
    {
        _detailedCustomers--;
        _ficoSum -= customer.Fico;
        _yearsSum -= customer.YearsActive;
        var (count, income) = _byGender[customer.Gender];
        _byGender[customer.Gender] = (count - 1, income - customer.Income);
        _byIncome.Remove((customer.Income, customer.Id));
    }

    private static void Sum(Dictionary<string, (long Count, double ScoreSum)> sums, string key, long count, double score)
    {
        var (c, s) = sums.GetValueOrDefault(key);
        sums[key] = (c + count, s + score);
    }

    private static void Count<TKey>(Dictionary<TKey, long> counts, TKey key, long delta)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + delta;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static long? Int64(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        } : null;

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && double.IsFinite(n) ? n : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time.ToUniversalTime() : null;

    private sealed record MerchantRow(string Category, long Transactions, double Amount);

    private sealed record LoanStatRow(string Channel, long Applications, long Approved);

    private sealed record AlertEntry(string Rule, string Subject);

    private sealed record Activity(string Type, double ChurnScore);

    private sealed record Customer(long Id, string Name, string Gender, long Income, int Fico, int YearsActive);

    private sealed record LoanRisk(string Channel, string Level);

    /// <summary>Rows by id, grouped by the minute of their event time; minutes older than the window before the newest are dropped.</summary>
    private sealed class MinuteWindows<T>(TimeSpan window)
    {
        private readonly SortedDictionary<DateTimeOffset, Dictionary<string, T>> _minutes = [];

        public SortedDictionary<DateTimeOffset, Dictionary<string, T>> Windows => _minutes;

        public long Count => _minutes.Values.Sum(m => (long)m.Count);

        public void Put(DateTimeOffset time, string id, T row)
        {
            var minute = time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute);
            var newest = Math.Max(minute, _minutes.Count > 0 ? _minutes.Keys.Last().UtcTicks : minute);
            if (minute <= newest - window.Ticks)
            {
                return;
            }

            var key = new DateTimeOffset(minute, TimeSpan.Zero);
            if (!_minutes.TryGetValue(key, out var rows))
            {
                _minutes[key] = rows = new Dictionary<string, T>(StringComparer.Ordinal);
            }

            rows[id] = row;
            while (_minutes.Keys.First().UtcTicks <= newest - window.Ticks)
            {
                _minutes.Remove(_minutes.Keys.First());
            }
        }
    }

    /// <summary>The latest value per id, at most <paramref name="capacity"/> ids (the first seen leaves first), with add/remove hooks for running sums.</summary>
    private sealed class Bounded<TKey, TValue>(int capacity)
        where TKey : notnull
        where TValue : class
    {
        private readonly Dictionary<TKey, TValue> _values = [];
        private readonly Queue<TKey> _order = new();

        public long Count => _values.Count;

        public TValue? Get(TKey key) => _values.GetValueOrDefault(key);

        public void Put(TKey key, TValue value, Action<TValue> added, Action<TValue> removed)
        {
            if (_values.TryGetValue(key, out var old))
            {
                removed(old);
            }
            else
            {
                _order.Enqueue(key);
                if (_order.Count > capacity && _order.TryDequeue(out var oldest) && _values.Remove(oldest, out var evicted))
                {
                    removed(evicted);
                }
            }

            _values[key] = value;
            added(value);
        }
    }
}
