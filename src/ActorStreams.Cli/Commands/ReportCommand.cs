using System.CommandLine;
using System.Globalization;
using ActorStreams.Cli.Inspection;
using ActorStreams.Warehouse;
using ActorStreams.Warehouse.Reports;
using Spectre.Console;

namespace ActorStreams.Cli.Commands;

/// <summary>
/// <c>actorstreams report kpi --day D</c> and <c>report fraud --since T</c>: reports from the warehouse, printed as tables
/// and written as Markdown (with each table's query) and CSV.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The width of report tables printed to something other than a terminal.</summary>
    private const int ReportWidth = 200;

    public static Command Create(CliContext context)
    {
        var command = new Command("report", "Reports from the warehouse: printed, and written as Markdown (with the SQL of every table) and CSV.");
        command.Subcommands.Add(Sub(
            context,
            "kpi",
            "KPIs of one day (UTC): revenue, transactions, average order value and fraud rate per currency, conversion, top categories by revenue, " +
            "sales by country and by city, and the hourly KPIs.",
            new Option<string>("--day") { Description = "The day, e.g. 2026-11-22.", HelpName = "YYYY-MM-DD", Required = true },
            value =>
            {
                var day = Day(value);
                return database => WarehouseReports.Kpi(database, day);
            }));
        command.Subcommands.Add(Sub(
            context,
            "fraud",
            "Fraud alerts since an instant: count and fraud rate (alerts per transaction) in total, by rule and by merchant category.",
            new Option<string>("--since") { Description = "The ISO-8601 instant to count from, e.g. 2026-11-22T00:00:00Z.", HelpName = "instant", Required = true },
            value =>
            {
                var since = WarehouseOptions.Instant("--since", value);
                return database => WarehouseReports.Fraud(database, since);
            }));
        command.Subcommands.Add(Behaviour(context));
        return command;
    }

    /// <summary><c>report behaviour --input F [--model M] [--as-of T] [--out DIR]</c>: from a customer-events file and the churn model, not the warehouse.</summary>
    private static Command Behaviour(CliContext context)
    {
        var command = new Command(
            "behaviour",
            "Customer behaviour from a customer-events JSON-lines file (generate customer-events --out F) as of an instant: data summary, quality findings " +
            "(duplicates, bad lines and timestamps, events out of order), the funnel, the churn model's test figures, churn-risk segments scored with " +
            "the model, and recommended actions. Written as Markdown (docs/design.md §6, Behaviour report).");
        var input = new Option<string>("--input") { Description = "The customer-events JSON-lines file.", HelpName = "file", Required = true };
        var model = new Option<string?>("--model")
        {
            Description = "The churn model zip from train churn (its .metrics.json next to it); without it, segments go by recency.",
            HelpName = "file.zip",
        };
        var asOf = new Option<string?>("--as-of") { Description = "The report's instant, ISO-8601 (default: the newest event).", HelpName = "instant" };
        var output = new Option<string>("--out") { Description = "The folder the Markdown file goes to.", HelpName = "dir", DefaultValueFactory = _ => "reports" };
        foreach (var option in new Option[] { input, model, asOf, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"--input: no such file \"{path}\"");
            }

            var modelPath = parse.GetValue(model);
            if (modelPath is not null && !File.Exists(modelPath))
            {
                throw new UsageException($"--model: no such file \"{modelPath}\"");
            }

            var instant = parse.GetValue(asOf) is { } text ? Domain.EventTime.FromDateTimeOffset(WarehouseOptions.Instant("--as-of", text)) : (Domain.EventTime?)null;
            var directory = parse.GetValue(output)!;
            if (directory.Trim().Length == 0)
            {
                throw new UsageException("--out must name a folder, got \"\"");
            }

            var report = Churn.BehaviourReport.Build(path, modelPath, instant, new LineProgress(context.Error), ct);
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, $"behaviour-{report.AsOf.ToDateTimeOffset():yyyy-MM-dd}.md");
            await File.WriteAllTextAsync(file, report.Markdown, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Customer behaviour as of {report.AsOf.ToIsoString()}: {string.Join(", ", report.Segments.Select(s => $"{s.Name} {s.Customers:N0}"))}")).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Wrote {file}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Sub(CliContext context, string name, string description, Option<string> subject, Func<string, Func<WarehouseDatabase, WarehouseReport>> prepare)
    {
        var command = new Command(name, description);
        var output = new Option<string>("--out") { Description = "The folder the Markdown and CSV files go to.", HelpName = "dir", DefaultValueFactory = _ => "reports" };
        var warehouse = WarehouseOptions.Warehouse();
        var configFile = CommonOptions.ConfigFile();
        var set = CommonOptions.Set();
        foreach (var option in new Option[] { subject, output, warehouse, configFile, set })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            // Flags are checked before the warehouse is opened: a bad value exits 2 whatever the warehouse.
            var build = prepare(parse.GetValue(subject)!);
            var directory = parse.GetValue(output)!;
            if (directory.Trim().Length == 0)
            {
                throw new UsageException("--out must name a folder, got \"\"");
            }

            var settings = WarehouseOptions.Settings(context, parse.GetValue(configFile), parse.GetValue(set), parse.GetValue(warehouse));
            WarehouseReport report;
            using (var database = WarehouseDatabase.Open(settings.Path, create: false))
            {
                report = build(database);
            }

            Print(context, report);
            var paths = await ReportFiles.WriteAsync(report, directory, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {paths[0]} and {paths.Count - 1} CSV file(s) ({report.FileStem}-<table>.csv) in {directory}")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DateOnly Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"--day must be a date such as 2026-11-22, got \"{text}\"");

    private static void Print(CliContext context, WarehouseReport report)
    {
        var console = InspectionConsole.Create(context.Output);
        if (!new AnsiConsoleOutput(context.Output).IsTerminal)
        {
            // Report tables are wider than inspection tables: in a file or pipe, keep each row on one line.
            console.Profile.Width = Math.Max(console.Profile.Width, ReportWidth);
        }

        console.WriteLine(report.Title);
        foreach (var table in report.Tables)
        {
            console.WriteLine();
            console.Write(new Text(table.Title, new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            var grid = InspectionConsole.Table([.. table.Columns.Select(c => (c.Name.ToUpperInvariant(), c.Numeric))]);
            foreach (var row in table.Rows)
            {
                grid.AddRow([.. row.Select(v => new Text(v is null ? "n/a" : ReportTable.Format(v)))]);
            }

            console.Write(grid);
            if (table.Rows.Count == 0)
            {
                console.WriteLine("(no rows)");
            }
        }

        console.WriteLine();
    }
}
