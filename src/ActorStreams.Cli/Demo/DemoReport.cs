using System.Globalization;
using System.Text;
using ActorStreams.Node;

namespace ActorStreams.Cli.Demo;

/// <summary>The demo's plain-text output: the progress line of <c>--no-ui</c> and the final summary.</summary>
internal static class DemoReport
{
    /// <summary>One compact line: rates, lag, alerts per rule, churn, the churn model's counters, drops and shards per node.</summary>
    public static string ProgressLine(DemoSnapshot s)
    {
        var rules = string.Join(" ", s.AlertsByRule.Select(r => $"{r.Key}={Count(r.Value)}"));
        var nodes = string.Join(" ", s.Nodes.Select(n => $"{n.NodeId}:{n.Shards}"));
        var flow = $"in {Count(s.EventsIn)} ({DemoView.Rate(s.InPerSecond)}/s) out {Count(s.EventsOut)} ({DemoView.Rate(s.OutPerSecond)}/s) lag {Count(s.Lag)}";
        var model = s.ChurnModel is { } name
            ? $" | model {name}: events {Count(s.CustomerEvents?.Consumed ?? 0)} ({DemoView.Rate(s.CustomerEvents?.PerSecond ?? 0)}/s) scored {Count(s.ModelScores)} CHURN_MODEL {Count(s.ChurnModelAlerts?.Total ?? 0)}"
            : string.Empty;
        return $"[{DemoView.Elapsed(s.Elapsed)}] {flow} | fraud {Count(s.FraudAlerts)} [{rules}] churn {Count(s.ChurnAlerts())}{model} | late {Count(s.LateTransactions)} dead {Count(s.DeadLetters)} | shards {nodes}";
    }

    /// <summary>The summary printed after the demo stopped.</summary>
    /// <param name="s">The counters after the nodes stopped.</param>
    /// <param name="lastRunning">Each node's last status while running (the shards it owned before the final handoff).</param>
    /// <param name="outcome">How the demo ended, e.g. <c>duration reached</c>.</param>
    /// <param name="live">How long the generators ran.</param>
    /// <param name="stopping">How long stopping took.</param>
    /// <param name="logFile">The node log file, if any.</param>
    public static string Summary(DemoSnapshot s, IReadOnlyDictionary<string, NodeStatus> lastRunning, string outcome, TimeSpan live, TimeSpan stopping, string? logFile)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line(Invariant($"demo summary: {outcome}; ran live {live.TotalSeconds:0.0} s, stopped in {stopping.TotalSeconds:0.0} s (total {s.Elapsed.TotalSeconds:0.0} s)"));
        Line(Invariant($"  events processed   {Count(s.EventsIn),10}  ({string.Join(", ", s.Inputs.Select(i => $"{i.Topic} {Count(i.Consumed)}"))}; merchant repartition {Count(s.RepartitionIn)})"));
        Line(Invariant($"  events produced    {Count(s.Inputs.Sum(i => i.Produced)),10}  (not processed at stop: {Count(s.Lag)})"));
        Line(Invariant($"  fraud alerts       {Count(s.FraudAlerts),10}  (ground truth: {Count(s.LabelledFraud)} transactions generated as fraud in {Count(s.InjectedPatterns.Values.Sum())} injected patterns)"));
        foreach (var (rule, count) in s.AlertsByRule)
        {
            Line(Invariant($"    {rule,-18}{Count(count),8}  (patterns injected {Count(s.InjectedPatterns.GetValueOrDefault(rule))})"));
        }

        foreach (var output in s.Outputs.Where(o => o.Name != "fraud alerts"))
        {
            Line(Invariant($"  {output.Name,-19}{Count(output.Total),10}"));
        }

        if (s.ChurnModel is not null || s.ModelScores > 0)
        {
            Line(Invariant($"  model scores       {Count(s.ModelScores),10}  (customers scored at session ends and purchases by churn model {s.ChurnModel ?? "none"}; customer-events processed {Count(s.CustomerEvents?.Consumed ?? 0)})"));
        }

        Line(Invariant($"  late events        {Count(s.LateTransactions),10}  (merchant windows {Count(s.MerchantLateEvents)})"));
        Line(Invariant($"  dead letters       {Count(s.DeadLetters),10}"));
        Line(Invariant($"  duplicates         {Count(s.Duplicates),10}"));
        Line(Invariant($"  misrouted records  {Count(s.Misrouted),10}"));
        Line(Invariant($"  lost to retention  {Count(s.LostToRetention),10}"));
        Line("  cluster (shards owned while running):");
        Line(Invariant($"    {"node",-10}{"shards",7}  {"partitions",-34}{"entities",10}{"checkpoints",13}{"events in",11}"));
        foreach (var node in s.Nodes)
        {
            var row = lastRunning.TryGetValue(node.NodeId, out var status) ? DemoSampler.Row(status) : node;
            Line(Invariant($"    {row.NodeId,-10}{row.Shards,7}  {row.ShardRanges,-34}{Count(row.ActiveEntities),10}{Count(node.Checkpoints),13}{Count(node.EventsIn),11}"));
        }

        if (logFile is not null)
        {
            Line($"  node logs: {logFile}");
        }

        return text.ToString();
    }

    private static long ChurnAlerts(this DemoSnapshot s) => s.Outputs.FirstOrDefault(o => o.Name == "churn alerts")?.Total ?? 0;

    private static string Count(long value) => DemoView.Count(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
