using ActorStreams.Hocon;
using ActorStreams.Lake;
using ActorStreams.Node.Lake;
using ActorStreams.Warehouse;
using ActorStreams.Warehouse.Jobs;

namespace ActorStreams.Node.Jobs;

/// <summary>
/// Runs one scheduled job and turns its result or its error into a <see cref="JobRun"/>: the cluster's scheduler uses it
/// on the node running the singleton, <c>./actorstreams jobs run</c> in the CLI's process. Spikes the fraud monitor
/// finds go to <paramref name="publish"/> (the <c>fraud-monitor</c> topic), when given.
/// </summary>
/// <param name="warehouse">The warehouse and the lake (<c>actorstreams.warehouse</c>, <c>actorstreams.lake.uri</c>).</param>
/// <param name="jobs">The jobs' settings.</param>
/// <param name="publish">Writes spikes to the topic and completes once they are delivered; null: not published.</param>
/// <param name="nodeId">The node the runs are recorded under.</param>
/// <param name="time">The clock.</param>
/// <param name="lake">The lake's settings: an S3 lake is read through its mirror next to the warehouse file.</param>
public sealed class JobRunner(
    WarehouseSettings warehouse, JobsSettings jobs, Func<IReadOnlyList<FraudSpike>, CancellationToken, Task>? publish, string nodeId, TimeProvider time,
    LakeSettings? lake = null)
{
    /// <summary>A runner with the settings of <paramref name="config"/>.</summary>
    /// <exception cref="ConfigException">A setting is invalid.</exception>
    public static JobRunner Create(Config config, Func<IReadOnlyList<FraudSpike>, CancellationToken, Task>? publish, string nodeId, TimeProvider time) =>
        new(WarehouseSettings.Create(config), JobsSettings.Create(config), publish, nodeId, time, LakeSettings.Create(config));

    /// <summary>The jobs' settings.</summary>
    public JobsSettings Settings => jobs;

    /// <summary>Whether <paramref name="job"/> names a job.</summary>
    public static bool IsJob(string job) => JobNames.All.Contains(job, StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="job"/> for the schedule's instant <paramref name="scheduledFor"/> (the fraud monitor's window
    /// is the one that instant evaluates). Never throws for the job's own failures: they are the run's error.
    /// </summary>
    /// <exception cref="ArgumentException">Not a job.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<JobRunDetails> RunAsync(string job, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        if (!IsJob(job))
        {
            throw new ArgumentException($"unknown job \"{job}\"; expected one of {string.Join(", ", JobNames.All)}", nameof(job));
        }

        var started = time.GetUtcNow();
        HourlyJobResult? hourly = null;
        FraudMonitorResult? monitor = null;
        string summary;
        string? error;
        try
        {
            var settings = await ReadableAsync(job, cancellationToken).ConfigureAwait(false);
            if (job == JobNames.Hourly)
            {
                hourly = await HourlyJob.RunAsync(settings, time, cancellationToken).ConfigureAwait(false);
                (summary, error) = (hourly.Summary, hourly.Error);
            }
            else
            {
                var lake = JobLake.Open(job, settings.LakeUri);
                monitor = await FraudMonitorJob.RunAsync(lake, jobs, FraudMonitorJob.WindowEndFor(scheduledFor, jobs), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                summary = monitor.Summary;
                if (monitor.Spikes.Count > 0)
                {
                    if (publish is null)
                    {
                        summary += " (not published)";
                    }
                    else
                    {
                        await publish(monitor.Spikes, cancellationToken).ConfigureAwait(false);
                        summary += " (published)";
                    }
                }

                error = null;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            (summary, error) = (hourly?.Summary ?? monitor?.Summary ?? string.Empty, e.Message);
        }

        var run = new JobRun(job, scheduledFor, started, time.GetUtcNow(), nodeId, error is null ? JobRun.Ok : JobRun.Failed, summary, error);
        return new JobRunDetails(run, hourly, monitor);
    }

    /// <summary>The warehouse settings with the lake as a directory: an S3 lake's mirror, brought up to date.</summary>
    private async Task<WarehouseSettings> ReadableAsync(string job, CancellationToken cancellationToken)
    {
        if (lake?.Location is not { Kind: LakeLocationKind.S3 } location)
        {
            return warehouse;
        }

        try
        {
            var (mirror, _, _) = await LakeMirror.ReadableAsync(lake, warehouse.Path, cancellationToken).ConfigureAwait(false);
            return warehouse with { LakeUri = mirror };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new WarehouseException($"{job}: the lake {location} cannot be mirrored next to the warehouse {warehouse.Path}: {e.Message}", e);
        }
    }
}
