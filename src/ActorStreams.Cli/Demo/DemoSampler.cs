using System.Globalization;
using System.Text;
using ActorStreams.Generator;
using ActorStreams.Kafka;
using ActorStreams.Node;

namespace ActorStreams.Cli.Demo;

/// <summary>
/// Takes <see cref="DemoSnapshot"/>s: sums the nodes' counters, sets them against what the generators produced
/// (lag) and turns successive samples into rates over the last few seconds.
/// </summary>
internal sealed class DemoSampler
{
    /// <summary>The outputs row of the CHURN_MODEL alerts.</summary>
    public const string ChurnModelAlerts = "churn model alerts";

    private const string ModelScores = "scores";
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(3);

    private readonly DemoCluster _cluster;
    private readonly DemoGenerators _generators;
    private readonly DemoOutputs _outputs;
    private readonly KafkaTopics _topics;
    private readonly string _bootstrap;
    private readonly int _partitions;
    private readonly string _store;
    private readonly TimeProvider _time;
    /// <summary>When the demo started (the view's "up" time counts from it).</summary>
    private readonly long _started;
    private readonly LinkedList<(long Timestamp, Dictionary<string, long> Counters)> _samples = new();

    public DemoSampler(DemoCluster cluster, DemoGenerators generators, DemoOutputs outputs, KafkaSettings kafka, int partitions, string store, TimeProvider time, long started)
    {
        _cluster = cluster;
        _generators = generators;
        _outputs = outputs;
        _topics = kafka.Topics;
        _bootstrap = kafka.BootstrapServers;
        _partitions = partitions;
        _store = store;
        _time = time;
        _started = started;
    }

    /// <summary>The counters now; <paramref name="running"/> also records each node's status as its last running one.</summary>
    public DemoSnapshot Take(bool running = true)
    {
        var nodes = _cluster.Status(running);
        var produced = _generators.Produced;
        var now = _time.GetTimestamp();
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);

        var inputs = new List<(string Topic, long Produced, long Consumed)>();
        foreach (var logical in new[] { GeneratorDatasets.Transactions, GeneratorDatasets.CustomerActivity, GeneratorDatasets.CustomerDetails, GeneratorDatasets.LoanApplications, GeneratorDatasets.CustomerEvents })
        {
            var topic = _topics.Resolve(logical);
            var consumed = nodes.Sum(n => n.EventsIn.GetValueOrDefault(topic));
            inputs.Add((topic, produced.GetValueOrDefault(logical), consumed));
            counters["in:" + topic] = consumed;
        }

        var rules = new List<KeyValuePair<string, long>>();
        foreach (var status in nodes)
        {
            foreach (var (rule, count) in status.FraudAlerts)
            {
                var index = rules.FindIndex(r => r.Key == rule);
                if (index < 0)
                {
                    rules.Add(new(rule, count));
                }
                else
                {
                    rules[index] = new(rule, rules[index].Value + count);
                }
            }
        }

        var outputs = new List<(string Name, long Total)>
        {
            ("fraud alerts", rules.Sum(r => r.Value)),
            ("churn alerts", nodes.Sum(n => n.ChurnAlerts)),
            (ChurnModelAlerts, nodes.Sum(n => n.ChurnModelAlerts)),
            ("enriched records", nodes.Sum(n => n.EnrichedRecords)),
            ("merchant metrics", nodes.Sum(n => n.MerchantMetrics)),
            ("loan risk", nodes.Sum(n => n.LoanApplications)),
            ("loan fraud alerts", nodes.Sum(n => n.LoanFraudAlerts)),
            ("loan stats", nodes.Sum(n => n.LoanChannelWindows)),
            ("loan segments", nodes.Sum(n => n.LoanSegmentWindows)),
            ("loan channels", nodes.Sum(n => n.LoanChannelWindows)),
        };
        foreach (var (name, total) in outputs)
        {
            counters["out:" + name] = total;
        }

        counters[ModelScores] = nodes.Sum(n => n.ModelScores);

        var (baseTimestamp, baseCounters) = Remember(now, counters);
        var seconds = _time.GetElapsedTime(baseTimestamp, now).TotalSeconds;
        double Rate(string key) => seconds > 0.2 ? Math.Max(0, (counters[key] - baseCounters.GetValueOrDefault(key)) / seconds) : 0;

        return new DemoSnapshot
        {
            Elapsed = _time.GetElapsedTime(_started, now),
            Bootstrap = _bootstrap,
            Partitions = _partitions,
            Store = _store,
            Inputs = [.. inputs.Select(i => new DemoTopicRow(i.Topic, i.Produced, i.Consumed, Rate("in:" + i.Topic)))],
            RepartitionIn = nodes.Sum(n => n.EventsIn.GetValueOrDefault(_topics.RepartitionMerchant)),
            Outputs = [.. outputs.Select(o => new DemoOutputRow(o.Name, o.Total, Rate("out:" + o.Name)))],
            AlertsByRule = rules,
            LabelledFraud = _generators.LabelledFraud,
            InjectedPatterns = _generators.InjectedPatterns,
            LateTransactions = nodes.Sum(n => n.LateTransactions),
            MerchantLateEvents = nodes.Sum(n => n.MerchantLateEvents),
            DeadLetters = nodes.Sum(n => n.DeadLetters),
            Duplicates = nodes.Sum(n => n.Duplicates),
            Misrouted = nodes.Sum(n => n.MisroutedRecords),
            LostToRetention = nodes.Sum(n => n.RecordsLostToRetention),
            Nodes = [.. nodes.Select(Row)],
            ModelScores = counters[ModelScores],
            ModelScoresPerSecond = Rate(ModelScores),
            ChurnModel = ChurnModelOf(nodes),
            CustomerEventsTopic = _topics.Resolve(GeneratorDatasets.CustomerEvents),
            Followed = _outputs.View(topCategories: 6),
            Jobs = _cluster.Jobs,
        };
    }

    /// <summary><c>logistic_regression 22d301dfbe12</c>: the model the nodes score with (each distinct one, should they differ); null when none has one.</summary>
    public static string? ChurnModelOf(IEnumerable<NodeStatus> nodes)
    {
        var models = nodes.Where(n => n.ChurnModelVersion is not null).Select(n => $"{n.ChurnModelName} {n.ChurnModelVersion}").Distinct(StringComparer.Ordinal).ToList();
        return models.Count == 0 ? null : string.Join(", ", models);
    }

    /// <summary>A cluster-table row for a node's status.</summary>
    public static DemoNodeRow Row(NodeStatus status) =>
        new(status.NodeId, status.Shards.Count, ShardRanges(status.Shards), status.ActiveEntities, status.Checkpoints, status.EventsIn.Values.Sum());

    /// <summary><c>customer 0-5, merchant 0-5</c> from shard names such as <c>customer/3</c>.</summary>
    public static string ShardRanges(IReadOnlyList<string> shards)
    {
        var byKind = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            var slash = shard.LastIndexOf('/');
            if (slash > 0 && int.TryParse(shard.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
            {
                var kind = shard[..slash];
                if (!byKind.TryGetValue(kind, out var list))
                {
                    byKind[kind] = list = [];
                }

                list.Add(partition);
            }
        }

        if (byKind.Count == 0)
        {
            return "-";
        }

        var text = new StringBuilder();
        foreach (var (kind, partitions) in byKind)
        {
            partitions.Sort();
            text.Append(text.Length > 0 ? ", " : string.Empty).Append(kind).Append(' ');
            for (var i = 0; i < partitions.Count;)
            {
                var end = i;
                while (end + 1 < partitions.Count && partitions[end + 1] == partitions[end] + 1)
                {
                    end++;
                }

                text.Append(i > 0 ? "," : string.Empty).Append(partitions[i].ToString(CultureInfo.InvariantCulture));
                if (end > i)
                {
                    text.Append('-').Append(partitions[end].ToString(CultureInfo.InvariantCulture));
                }

                i = end + 1;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// <c>0-5</c> for <c>customer 0-5, merchant 0-5</c> (the range assignor gives a node the same partitions of every
    /// kind when the topics have equal partition counts); otherwise the text unchanged.
    /// </summary>
    public static string CompactRanges(string ranges)
    {
        var kinds = ranges.Split(", ");
        var partitions = kinds.Select(k => k[(k.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Distinct(StringComparer.Ordinal).ToList();
        return kinds.Length > 1 && partitions.Count == 1 && kinds.All(k => k.Contains(' ', StringComparison.Ordinal)) ? partitions[0] : ranges;
    }

    /// <summary>Adds a sample and returns the one rates are measured from: the newest at least <see cref="RateWindow"/> old, else the oldest.</summary>
    private (long Timestamp, Dictionary<string, long> Counters) Remember(long now, Dictionary<string, long> counters)
    {
        _samples.AddLast((now, counters));
        while (_samples.First!.Next is { } next && _time.GetElapsedTime(next.Value.Timestamp, now) >= RateWindow)
        {
            _samples.RemoveFirst();
        }

        return _samples.First.Value;
    }
}
