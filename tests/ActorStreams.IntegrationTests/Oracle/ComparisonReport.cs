using System.Text;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>The differences between a node's outputs and the oracle, per output topic, readable in a test failure.</summary>
public sealed class ComparisonReport
{
    /// <summary>How many differences are listed per topic.</summary>
    public const int Listed = 20;

    private readonly List<TopicReport> _topics = [];

    /// <summary>True when every output equals the oracle.</summary>
    public bool Equal => _topics.All(t => t.Differences.Count == 0);

    /// <summary>Every difference, with its topic.</summary>
    public IEnumerable<string> Differences => _topics.SelectMany(t => t.Differences.Select(d => $"{t.Topic}: {d}"));

    /// <summary>Starts the report of one topic.</summary>
    public TopicReport Topic(string topic, string summary)
    {
        var report = new TopicReport(topic, summary);
        _topics.Add(report);
        return report;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var topic in _topics)
        {
            text.Append(topic.Topic).Append(": ").Append(topic.Summary).Append(" — ")
                .Append(topic.Differences.Count == 0 ? "equal" : $"{topic.Differences.Count} differences").Append('\n');
            foreach (var difference in topic.Differences.Take(Listed))
            {
                text.Append("    ").Append(difference).Append('\n');
            }

            if (topic.Differences.Count > Listed)
            {
                text.Append("    … and ").Append(topic.Differences.Count - Listed).Append(" more\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The differences found in one topic.</summary>
    public sealed class TopicReport(string topic, string summary)
    {
        public string Topic { get; } = topic;

        public string Summary { get; set; } = summary;

        public List<string> Differences { get; } = [];

        public void Add(string difference) => Differences.Add(difference);
    }
}
