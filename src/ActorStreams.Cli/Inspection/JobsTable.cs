using System.Globalization;
using ActorStreams.Cli.Inspection.Model;
using Spectre.Console;

namespace ActorStreams.Cli.Inspection;

/// <summary><c>cmd jobs show</c>: where the scheduler runs and each job's next run, then the runs, newest first.</summary>
internal static class JobsTable
{
    public static void Render(IAnsiConsole console, JobsView view, DateTimeOffset now)
    {
        if (!view.Enabled)
        {
            console.WriteLine("Scheduled jobs are off (actorstreams.jobs.enabled = off).");
            return;
        }

        console.WriteLine($"Scheduler on {view.SchedulerNode ?? Formats.None}");
        foreach (var job in view.Jobs)
        {
            var next = job.NextRun is { } at ? $"next run {at.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (in {Formats.Duration(at > now ? at - now : TimeSpan.Zero)})" : "no run scheduled";
            console.WriteLine($"  {job.Job}: {next}{(job.Running ? ", running now" : "")}");
        }

        console.WriteLine();
        if (view.Runs.Count == 0)
        {
            console.WriteLine("No runs yet.");
            return;
        }

        var table = InspectionConsole.Table(("JOB", false), ("STARTED", false), ("DURATION", true), ("NODE", false), ("OUTCOME", false), ("SUMMARY", false));
        foreach (var run in view.Runs)
        {
            var failed = run.Outcome != "ok";
            table.AddRow(
                new Text(run.Job),
                new Text(run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z"),
                new Text(Formats.Duration(TimeSpan.FromSeconds(run.DurationSeconds))),
                new Text(run.Node),
                new Text(run.Outcome, failed ? new Style(Color.Red) : new Style(Color.Green)),
                new Text(failed && run.Error is { } error ? error : run.Summary));
        }

        console.Write(table);
        console.WriteLine($"{Formats.Plural(view.Runs.Count, "run", "runs")}, {view.Runs.Count(r => r.Outcome != "ok")} failed");
    }
}
