using System.Globalization;
using ActorStreams.Domain.Fraud;
using ActorStreams.Node.Jobs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorStreams.Cli.Demo;

/// <summary>The live view: one Spectre.Console frame per <see cref="DemoSnapshot"/>.</summary>
internal static class DemoView
{
    private const int LatestAlertRows = 6;
    private const int WideLayout = 110;

    /// <summary>Builds the frame for <paramref name="snapshot"/>, two columns wide when the terminal allows.</summary>
    public static IRenderable Render(DemoSnapshot snapshot, DemoHeader header, int width)
    {
        var streams = Streams(snapshot);
        var rules = Rules(snapshot);
        var churn = ChurnModel(snapshot);
        var cluster = Cluster(snapshot);
        var categories = Categories(snapshot);
        var alerts = LatestAlerts(snapshot);
        var title = Title(snapshot, header);
        var footer = new Markup(Footer(snapshot) + Jobs(snapshot));
        if (width >= WideLayout)
        {
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow(new Rows(streams, cluster), new Rows([rules, .. churn, categories]));
            return new Rows(title, grid, alerts, footer);
        }

        // Narrow terminals: the alerts first, as the bottom is cropped when the terminal is short.
        return new Rows([title, rules, .. churn, alerts, streams, cluster, categories, footer]);
    }

    private static Markup Title(DemoSnapshot s, DemoHeader header)
    {
        var nodes = s.Nodes.Count == 1 ? "1 node" : $"{s.Nodes.Count} nodes";
        var log = header.LogFile is { } path ? $"\n[grey]node logs: {Markup.Escape(path)}[/]" : string.Empty;
        return new Markup(
            $"[bold]ActorStreams demo[/] · up [bold]{Elapsed(s.Elapsed)}[/] · {Markup.Escape(header.StopHint)}\n" +
            $"[grey]broker {Markup.Escape(s.Bootstrap)} · {s.Partitions} partitions · {nodes} · store {Markup.Escape(s.Store)}[/]{log}");
    }

    private static Panel Streams(DemoSnapshot s)
    {
        var table = new Table().Border(TableBorder.None).Expand()
            .AddColumn(Header("stream"))
            .AddColumn(Header("total").RightAligned())
            .AddColumn(Header("/s").RightAligned())
            .AddColumn(Header("lag").RightAligned());
        foreach (var input in s.Inputs)
        {
            table.AddRow(Markup.Escape(input.Topic), Count(input.Consumed), Rate(input.PerSecond), Count(input.Lag));
        }

        table.AddRow("[grey]merchant repartition[/]", $"[grey]{Count(s.RepartitionIn)}[/]", string.Empty, string.Empty);
        table.AddEmptyRow();
        foreach (var output in s.Outputs)
        {
            var name = output.Name == "fraud alerts" ? "[red]fraud alerts[/]" : output.Name;
            table.AddRow(name, Count(output.Total), Rate(output.PerSecond), string.Empty);
        }

        return new Panel(table)
            .Header($" in [bold]{Rate(s.InPerSecond)}[/]/s · out [bold]{Rate(s.OutPerSecond)}[/]/s · lag [bold]{Count(s.Lag)}[/] ")
            .Expand();
    }

    private static Panel Rules(DemoSnapshot s)
    {
        var chart = new BarChart().ShowValues();
        foreach (var (rule, count) in s.AlertsByRule)
        {
            chart.AddItem(rule, count, RuleColor(rule));
        }

        var caption = $"[grey]ground truth: {Count(s.LabelledFraud)} fraud transactions in {Count(s.InjectedPatterns.Values.Sum())} injected patterns[/]";
        var pending = s.AlertsByRule.Where(r => r.Value == 0 && s.InjectedPatterns.GetValueOrDefault(r.Key) > 0).Select(r => r.Key).ToList();
        if (pending.Count > 0)
        {
            caption += $"\n[grey]{string.Join(", ", pending)}: the fraud follows the victim's genuine payment by minutes[/]";
        }

        return new Panel(new Rows(chart, new Markup(caption))).Header($" fraud alerts per rule: [bold red]{Count(s.FraudAlerts)}[/] ").Expand();
    }

    /// <summary>The churn model's panel: the model, customer events in, customers scored (at session ends and purchases), CHURN_MODEL alerts; none without a model or events.</summary>
    private static IRenderable[] ChurnModel(DemoSnapshot s)
    {
        var events = s.CustomerEvents;
        if (s.ChurnModel is null && events is not { Produced: > 0 })
        {
            return [];
        }

        var alerts = s.ChurnModelAlerts;
        var text =
            $"[grey]customer events[/] {Count(events?.Consumed ?? 0)} [grey]({Rate(events?.PerSecond ?? 0)}/s, lag {Count(events?.Lag ?? 0)})[/]\n" +
            $"[grey]model scores[/] {Count(s.ModelScores)} [grey]({Rate(s.ModelScoresPerSecond)}/s; a customer at each session end and purchase)[/]\n" +
            $"[bold magenta]CHURN_MODEL[/] alerts {Count(alerts?.Total ?? 0)}";
        var model = s.ChurnModel is { } name ? $"[bold]{Markup.Escape(name)}[/]" : "[grey]none loaded[/]";
        return [new Panel(new Markup(text)).Header($" churn model {model} ").Expand()];
    }

    private static Panel Cluster(DemoSnapshot s)
    {
        var table = new Table().Border(TableBorder.None).Expand()
            .AddColumn(Header("node"))
            .AddColumn(Header("shards").RightAligned())
            .AddColumn(Header("partitions"))
            .AddColumn(Header("entities").RightAligned())
            .AddColumn(Header("checkpoints").RightAligned());
        foreach (var node in s.Nodes)
        {
            table.AddRow(Markup.Escape(node.NodeId), Count(node.Shards), Markup.Escape(DemoSampler.CompactRanges(node.ShardRanges)), Count(node.ActiveEntities), Count(node.Checkpoints));
        }

        return new Panel(table).Header(" cluster ").Expand();
    }

    private static Panel Categories(DemoSnapshot s)
    {
        var followed = s.Followed;
        var window = followed.WindowStart is { } start
            ? $"window {start.UtcDateTime:HH:mm}–{start.UtcDateTime.AddMinutes(1):HH:mm} UTC"
            : "no window closed yet";
        var table = new Table().Border(TableBorder.None).Expand()
            .AddColumn(Header("category"))
            .AddColumn(Header("tx").RightAligned())
            .AddColumn(Header("amount").RightAligned())
            .AddColumn(Header("alerts 1m").RightAligned());
        foreach (var category in followed.Categories)
        {
            table.AddRow(
                Markup.Escape(category.Category),
                followed.WindowStart is null ? "[grey]-[/]" : Count(category.WindowTransactions),
                followed.WindowStart is null ? "[grey]-[/]" : Money(category.WindowAmount),
                Count(category.AlertsLastMinute));
        }

        table.Caption($"[grey]tx, amount: merchant-metrics, {window}; alerts: fraud-alerts of the last minute[/]");
        return new Panel(table).Header(" top merchant categories, last minute ").Expand();
    }

    private static Panel LatestAlerts(DemoSnapshot s)
    {
        var table = new Table().Border(TableBorder.None).Expand()
            .AddColumn(Header("event time"))
            .AddColumn(Header("rule"))
            .AddColumn(Header("customer").RightAligned())
            .AddColumn(Header("amount").RightAligned())
            .AddColumn(Header("merchant"));
        foreach (var alert in s.Followed.LatestAlerts.Take(LatestAlertRows))
        {
            table.AddRow(
                alert.EventTime.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                $"[{RuleColor(alert.Rule).ToMarkup()}]{Markup.Escape(alert.Rule)}[/]",
                alert.CustomerId.ToString(CultureInfo.InvariantCulture),
                Money(alert.Amount),
                Markup.Escape($"{alert.MerchantId} ({alert.MerchantCategory})"));
        }

        if (s.Followed.LatestAlerts.Count == 0)
        {
            table.AddRow("[grey]waiting for the first alert…[/]", string.Empty, string.Empty, string.Empty, string.Empty);
        }

        return new Panel(table).Header(" latest fraud alerts ").Expand();
    }

    private static TableColumn Header(string name) => new(new Markup($"[grey]{Markup.Escape(name)}[/]"));

    private static string Footer(DemoSnapshot s) =>
        $"[grey]late events[/] {Count(s.LateTransactions)} [grey](merchant windows {Count(s.MerchantLateEvents)})[/] · " +
        $"[grey]dead letters[/] {Count(s.DeadLetters)} · [grey]duplicates[/] {Count(s.Duplicates)} · [grey]misrouted[/] {Count(s.Misrouted)} · [grey]lost to retention[/] {Count(s.LostToRetention)}" +
        (s.Followed.UnreadableRecords > 0 ? $" · [yellow]output records the view could not read[/] {Count(s.Followed.UnreadableRecords)}" : string.Empty);

    /// <summary>A line per scheduled job: its last run (outcome, when, summary) and its next instant; nothing when the jobs are off.</summary>
    private static string Jobs(DemoSnapshot s)
    {
        if (s.Jobs is not { } jobs)
        {
            return string.Empty;
        }

        var lines = new List<string>();
        foreach (var (job, next) in jobs.NextRuns.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var last = jobs.Runs.FirstOrDefault(r => r.Job == job);
            var running = jobs.Running.Contains(job) ? " [yellow]running[/]" : string.Empty;
            var result = last is null
                ? "[grey]no run yet[/]"
                : $"{(last.Outcome == JobRun.Ok ? "[green]ok[/]" : "[red]failed[/]")} {last.ScheduledFor:HH:mm}Z {Markup.Escape(Shorten(last.Error ?? last.Summary, 90))}";
            lines.Add($"\n[grey]job[/] {Markup.Escape(job)} [grey](next {next:HH:mm}Z)[/]{running}: {result}");
        }

        return string.Concat(lines);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static Color RuleColor(string rule) => rule switch
    {
        FraudRules.HighAmount => Color.Red,
        FraudRules.RapidFire => Color.Orange1,
        FraudRules.Velocity => Color.Yellow,
        FraudRules.ImpossibleTravel => Color.Fuchsia,
        FraudRules.NewDevice => Color.Aqua,
        _ => Color.Grey,
    };

    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Rate(double value) => value.ToString(value < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture);

    internal static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    internal static string Elapsed(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
