using System.Globalization;
using System.Text;
using ActorStreams.Domain;
using ActorStreams.Churn.Internal;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn;

/// <summary>
/// <c>report behaviour</c> (docs/design.md §6, Behaviour report): a customer-events file summarised as of an instant — the
/// data, its quality findings, the funnel, the churn model's evaluation (from its metrics file), the customers' churn-risk
/// segments scored with the model, and actions derived from those figures — as Markdown.
/// </summary>
public static class BehaviourReport
{
    private const int TopCategories = 10;

    /// <summary>Builds the report.</summary>
    /// <param name="inputPath">The customer-events JSON-lines file.</param>
    /// <param name="modelPath">The churn model zip (its metrics next to it), or null for segments by recency alone.</param>
    /// <param name="asOf">The instant of the report; null: the newest event's time.</param>
    /// <param name="progress">Receives progress lines.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="ChurnException">The file or the model cannot be read, or the file has no valid event.</exception>
    public static BehaviourReportResult Build(
        string inputPath, string? modelPath, EventTime? asOf, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        var model = modelPath is null ? null : ChurnModel.Load(modelPath);
        var instant = asOf ?? ChurnTrainer.Scan(inputPath, progress, cancellationToken).LastEventTime
            ?? throw new ChurnException($"{inputPath} holds no valid customer event");
        var data = new DataCounts();
        var customers = new Dictionary<long, CustomerTrack>();
        progress?.Report($"reading {inputPath} as of {instant.ToIsoString()}");
        var summary = Read(inputPath, e =>
        {
            if (e.Timestamp > instant)
            {
                data.AfterAsOf++;
                return;
            }

            if (!customers.TryGetValue(e.CustomerId.Value, out var track))
            {
                customers[e.CustomerId.Value] = track = new CustomerTrack(new BehaviourState(BehaviourSettings.Default));
            }

            data.Add(e, track);
            track.State.Apply(e);
        }, cancellationToken);
        if (customers.Count == 0)
        {
            throw new ChurnException($"{inputPath} holds no valid customer event at or before {instant.ToIsoString()}");
        }

        progress?.Report($"scoring {customers.Count:N0} customers");
        var profiles = ProfileAll(customers, instant, model);
        var metrics = modelPath is null ? null : ModelFigures.Read(ChurnTrainingOptions.MetricsPath(modelPath));
        var segments = SegmentAll(profiles, model);
        var markdown = Markdown(inputPath, modelPath, instant, summary, data, profiles, segments, model, metrics);
        return new BehaviourReportResult(markdown, instant, segments.Select(s => new BehaviourSegmentCount(s.Name, s.Customers.Count)).ToList());
    }

    private static CustomerEventFileSummary Read(string path, Action<CustomerEvent> onEvent, CancellationToken cancellationToken)
    {
        try
        {
            return CustomerEventFile.Read(path, onEvent, cancellationToken: cancellationToken);
        }
        catch (IOException e)
        {
            throw new ChurnException($"cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Each customer's features as of the instant and, with a model, its churn probability.</summary>
    private static List<Profile> ProfileAll(Dictionary<long, CustomerTrack> customers, EventTime asOf, ChurnModel? model)
    {
        using var scorer = model?.CreateScorer();
        var vector = new float[BehaviourFeatures.VectorLength];
        var profiles = new List<Profile>(customers.Count);
        foreach (var (id, track) in customers.OrderBy(c => c.Key))
        {
            var features = track.State.Compute(asOf);
            var purchased = track.State.LastPurchaseTime is not null;
            var active = features.DaysSinceLastEvent <= 90;
            float? probability = null;
            if (scorer is not null && purchased && active)
            {
                features.WriteVector(vector);
                probability = scorer.Score(vector);
            }

            profiles.Add(new Profile(id, features, purchased, active, probability));
        }

        return profiles;
    }

    /// <summary>
    /// The segments: never purchased, lapsed (no event in 90 days), then the active buyers by churn risk — with a model,
    /// high (p ≥ threshold), watch (p ≥ threshold / 2) and low; without one, by recency (no purchase in 30 days: at risk).
    /// </summary>
    private static List<Segment> SegmentAll(List<Profile> profiles, ChurnModel? model)
    {
        var segments = new List<Segment>
        {
            new("high risk", model is null ? "no purchase in the last 30 days (no model: by recency)" : $"churn probability ≥ {Fmt(model.Threshold)} (the model's threshold)"),
            new("watch", model is null ? "no purchase in the last 14 days" : $"churn probability ≥ {Fmt(model.Threshold / 2)}"),
            new("low risk", "the other active buyers"),
            new("lapsed", "a purchase once, but no event in the last 90 days"),
            new("never purchased", "events, but no purchase yet"),
        };
        foreach (var p in profiles)
        {
            var index = !p.Purchased ? 4
                : !p.Active ? 3
                : model is not null ? (p.Probability >= model.Threshold ? 0 : p.Probability >= model.Threshold / 2 ? 1 : 2)
                : p.Features.RecencyDays > 30 ? 0 : p.Features.RecencyDays > 14 ? 1 : 2;
            segments[index].Customers.Add(p);
        }

        return segments;
    }

    private static string Markdown(
        string input, string? modelPath, EventTime asOf, CustomerEventFileSummary summary, DataCounts data, List<Profile> profiles, List<Segment> segments,
        ChurnModel? model, ModelFigures? metrics)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Customer behaviour as of {asOf.ToIsoString()}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Input `{input}`{(modelPath is null ? ", no churn model" : $", churn model `{modelPath}` ({model!.ModelName} {model.Version})")}.\n\n");

        md.Append("## Data\n\n| | |\n|---|---:|\n");
        Row(md, "lines read", summary.Lines);
        Row(md, "valid events (first of each event_id)", summary.Events);
        Row(md, "events after the report's instant (left out)", data.AfterAsOf);
        Row(md, "customers", profiles.Count);
        md.Append(CultureInfo.InvariantCulture, $"| first event | {summary.FirstEventTime?.ToIsoString() ?? "-"} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| newest event | {summary.LastEventTime?.ToIsoString() ?? "-"} |\n");
        foreach (var type in Enum.GetValues<CustomerEventType>())
        {
            Row(md, CustomerEventParser.WireName(type) + " events", data.ByType[(int)type]);
        }

        md.Append(CultureInfo.InvariantCulture, $"| revenue (Σ price × quantity of purchases) | {data.Revenue.ToString("N2", CultureInfo.InvariantCulture)} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| sessions (30-minute gap) | {profiles.Sum(p => p.Features.Sessions):N0} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| devices | {string.Join(", ", data.Devices.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {Share(d.Value, summary.Events - data.AfterAsOf)}"))} |\n\n");

        md.Append("### Top categories\n\n| category | events | purchases | revenue |\n|---|---:|---:|---:|\n");
        foreach (var (category, c) in data.Categories.OrderByDescending(c => c.Value.Revenue).ThenBy(c => c.Key, StringComparer.Ordinal).Take(TopCategories))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {category} | {c.Events:N0} | {c.Purchases:N0} | {c.Revenue.ToString("N2", CultureInfo.InvariantCulture)} |\n");
        }

        md.Append("\n### Funnel\n\n| step | sessions | of the sessions before |\n|---|---:|---:|\n");
        md.Append(CultureInfo.InvariantCulture, $"| with a view | {data.SessionsWithView:N0} | |\n");
        md.Append(CultureInfo.InvariantCulture, $"| with an add_to_cart | {data.SessionsWithCart:N0} | {Share(data.SessionsWithCart, data.SessionsWithView)} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| with a purchase | {data.SessionsWithPurchase:N0} | {Share(data.SessionsWithPurchase, data.SessionsWithCart)} |\n\n");
        md.Append("Sessions here are the producer's `session_id` per customer; the features use their own 30-minute sessions.\n\n");

        md.Append("## Quality findings\n\n| finding | count |\n|---|---:|\n");
        Row(md, "duplicates (a repeated event_id: producer retries)", summary.Duplicates);
        Row(md, "lines that are not a valid record", summary.BadLines);
        Row(md, "of which bad timestamps (missing, not ISO-8601, before 1970)", summary.BadTimestamps);
        Row(md, "events older than their customer's newest earlier event (out of order)", data.OutOfOrder);
        if (summary.BadLineSamples.Count > 0)
        {
            md.Append("\nFirst bad lines:\n\n");
            foreach (var bad in summary.BadLineSamples)
            {
                md.Append(CultureInfo.InvariantCulture, $"- line {bad.LineNumber}: {bad.Reason}\n");
            }
        }

        md.Append('\n');
        if (metrics is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"## Churn model\n\n`{metrics.Chosen}` {metrics.Version}, threshold {Fmt(metrics.Threshold)}, trained as of {metrics.AsOf} for a {metrics.HorizonDays}-day horizon ");
            md.Append("(churned = no purchase within the horizon). Figures on the later-period test snapshot:\n\n");
            md.Append("| model | ROC-AUC | PR-AUC | precision | recall | F1 | threshold | TP | FP | TN | FN | lift top decile |\n");
            md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var m in metrics.Models)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| {m.Name} | {Fmt(m.RocAuc)} | {Fmt(m.PrAuc)} | {Fmt(m.Precision)} | {Fmt(m.Recall)} | {Fmt(m.F1)} | {Fmt(m.Threshold)} | {m.Tp} | {m.Fp} | {m.Tn} | {m.Fn} | {Fmt(m.Lift)} |\n");
            }

            md.Append(CultureInfo.InvariantCulture, $"\nStrongest signals of `{metrics.Chosen}` (permutation importance): {string.Join(", ", metrics.TopFeatures.Select(f => $"`{f.Key}` {Fmt(f.Value)}"))}.\n\n");
        }

        md.Append("## Churn-risk segments\n\n| segment | rule | customers | share | avg recency (days) | avg purchases 90 d | avg revenue 90 d | revenue 90 d | avg cart abandonment |\n");
        md.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in segments)
        {
            var c = s.Customers;
            md.Append(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Rule} | {c.Count:N0} | {Share(c.Count, profiles.Count)} | {Avg(c, p => p.Features.RecencyDays)} | {Avg(c, p => p.Features.Frequency90d)} | ");
            md.Append(CultureInfo.InvariantCulture,
                $"{Avg(c, p => (double)p.Features.Monetary90d)} | {c.Sum(p => p.Features.Monetary90d).ToString("N2", CultureInfo.InvariantCulture)} | {Avg(c, p => p.Features.CartAbandonmentRate)} |\n");
        }

        md.Append("\n## Recommended actions\n\n");
        foreach (var action in Actions(summary, data, segments, metrics))
        {
            md.Append("- ").Append(action).Append('\n');
        }

        return md.ToString();
    }

    /// <summary>Actions derived from the figures, most valuable first; each names the customers and the amounts behind it.</summary>
    private static IEnumerable<string> Actions(CustomerEventFileSummary summary, DataCounts data, List<Segment> segments, ModelFigures? metrics)
    {
        var (high, watch, low, lapsed, never) = (segments[0].Customers, segments[1].Customers, segments[2].Customers, segments[3].Customers, segments[4].Customers);
        if (high.Count > 0)
        {
            var median = Median(high.Select(p => p.Features.Monetary90d));
            var valuable = high.Where(p => p.Features.Monetary90d >= median).ToList();
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Win back the {high.Count:N0} high-risk customers ({high.Sum(p => p.Features.Monetary90d):N2} of revenue in their last 90 days), the {valuable.Count:N0} who spent at least the segment's median ({median:N2}) first.");
        }

        var activeAbandonment = low.Concat(watch).Concat(high).Select(p => p.Features.CartAbandonmentRate).DefaultIfEmpty().Average();
        var riskyAbandonment = high.Select(p => p.Features.CartAbandonmentRate).DefaultIfEmpty().Average();
        if (high.Count > 0 && riskyAbandonment > activeAbandonment)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Send cart reminders: high-risk customers abandon {riskyAbandonment:P0} of their carts against {activeAbandonment:P0} for all active buyers.");
        }

        if (watch.Count > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Keep the {watch.Count:N0} customers on watch engaged (recommendations in their top categories) before they become high risk: on average {watch.Average(p => p.Features.RecencyDays):N1} days since their last purchase.");
        }

        if (lapsed.Count > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Run a reactivation campaign for the {lapsed.Count:N0} lapsed buyers (no event in 90 days); they are outside the model's population.");
        }

        if (never.Count > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Convert the {never.Count:N0} customers who browse but never bought (a first-purchase incentive).");
        }

        if (metrics is not null && metrics.TopFeatures.Count > 0)
        {
            yield return $"Track the model's strongest signals weekly: {string.Join(", ", metrics.TopFeatures.Take(3).Select(f => $"`{f.Key}`"))}.";
        }

        if (summary.Duplicates > 0 || summary.BadLines > 0 || data.OutOfOrder > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Fix the data at its source: {summary.Duplicates:N0} duplicate(s) from producer retries, {summary.BadLines:N0} bad line(s), {data.OutOfOrder:N0} event(s) out of order.");
        }
    }

    private static void Row(StringBuilder md, string name, long value) => md.Append(CultureInfo.InvariantCulture, $"| {name} | {value:N0} |\n");

    private static string Share(long part, long whole) => whole == 0 ? "-" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);

    private static string Avg(List<Profile> customers, Func<Profile, double> value) =>
        customers.Count == 0 ? "-" : customers.Average(value).ToString("N2", CultureInfo.InvariantCulture);

    private static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Fmt(double value) => double.IsNaN(value) ? "-" : value.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record Profile(long CustomerId, BehaviourFeatures Features, bool Purchased, bool Active, float? Probability);

    private sealed record Segment(string Name, string Rule)
    {
        public List<Profile> Customers { get; } = [];
    }

    private sealed class CustomerTrack(BehaviourState state)
    {
        public BehaviourState State { get; } = state;

        public string? Session { get; set; }

        public bool SessionView { get; set; }

        public bool SessionCart { get; set; }

        public bool SessionPurchase { get; set; }
    }

    private sealed class CategoryCounts
    {
        public long Events { get; set; }

        public long Purchases { get; set; }

        public decimal Revenue { get; set; }
    }

    /// <summary>The counts of the data section, the funnel and the out-of-order finding.</summary>
    private sealed class DataCounts
    {
        public long[] ByType { get; } = new long[Enum.GetValues<CustomerEventType>().Length];

        public decimal Revenue { get; private set; }

        public long AfterAsOf { get; set; }

        public long OutOfOrder { get; private set; }

        public long SessionsWithView { get; private set; }

        public long SessionsWithCart { get; private set; }

        public long SessionsWithPurchase { get; private set; }

        public Dictionary<string, long> Devices { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CategoryCounts> Categories { get; } = new(StringComparer.Ordinal);

        public void Add(CustomerEvent e, CustomerTrack track)
        {
            ByType[(int)e.Type]++;
            if (track.State.LastEventTime is { } newest && e.Timestamp < newest)
            {
                OutOfOrder++;
            }

            Devices[e.Device] = Devices.GetValueOrDefault(e.Device) + 1;
            if (!Categories.TryGetValue(e.Category, out var category))
            {
                Categories[e.Category] = category = new CategoryCounts();
            }

            category.Events++;
            if (!string.Equals(track.Session, e.SessionId, StringComparison.Ordinal))
            {
                (track.Session, track.SessionView, track.SessionCart, track.SessionPurchase) = (e.SessionId, false, false, false);
            }

            // A session counts at each step once, when it first reaches it.
            if (e.Type == CustomerEventType.View && !track.SessionView)
            {
                track.SessionView = true;
                SessionsWithView++;
            }

            switch (e.Type)
            {
                case CustomerEventType.AddToCart when !track.SessionCart:
                    track.SessionCart = true;
                    SessionsWithCart++;
                    break;
                case CustomerEventType.Purchase:
                    Revenue += e.Amount;
                    category.Purchases++;
                    category.Revenue += e.Amount;
                    if (!track.SessionPurchase)
                    {
                        track.SessionPurchase = true;
                        SessionsWithPurchase++;
                    }

                    break;
            }
        }
    }
}
