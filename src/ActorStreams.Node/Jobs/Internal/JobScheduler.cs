using ActorStreams.Warehouse.Jobs;
using Akka.Actor;
using Akka.Pattern;
using Akka.Persistence;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Jobs.Internal;

/// <summary>
/// The scheduled jobs' scheduler, a cluster singleton (docs/lake.md, Scheduled jobs): it runs each job at its schedule's
/// instants (timers of the injected <see cref="TimeProvider"/>), never two runs of a job at once (a tick that finds the
/// job still running is skipped), and records every finished run — failed ones with their error — as an event in the
/// node's store, so that the node taking the singleton over recovers the history. Only the last
/// <c>history-size</c> runs of each job are kept: a snapshot every <c>history-size</c> runs, older events deleted.
/// </summary>
internal sealed partial class JobScheduler : ReceivePersistentActor
{
    /// <summary>The history's persistence id in the node's store (one per cluster).</summary>
    public const string HistoryPersistenceId = "actorstreams-jobs";

    private readonly JobRunner _runner;
    private readonly JobsSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _nodeId;
    private readonly Dictionary<string, LinkedList<JobRun>> _history = [];
    private readonly Dictionary<string, DateTimeOffset> _next = [];
    private readonly Dictionary<string, ITimer> _timers = [];
    private readonly HashSet<string> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _sinceSnapshot;

    public JobScheduler(JobRunner runner, string nodeId, TimeProvider time, ILogger logger)
    {
        _runner = runner;
        _settings = runner.Settings;
        _nodeId = nodeId;
        _time = time;
        _logger = logger;
        foreach (var job in JobNames.All)
        {
            _history[job] = new LinkedList<JobRun>();
        }

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is JobHistorySnapshot snapshot)
            {
                foreach (var run in snapshot.Runs)
                {
                    Add(run);
                }
            }
        });
        Recover<JobRunRecorded>(recorded => Add(recorded.Run));
        Recover<RecoveryCompleted>(_ =>
        {
            LogStarted(_logger, _nodeId, _history.Values.Sum(h => h.Count));
            foreach (var job in JobNames.All)
            {
                Schedule(job, _time.GetUtcNow());
            }
        });

        Command<Tick>(OnTick);
        Command<RunFinished>(finished => Finish(finished.Details.Run));
        Command<GetJobHistory>(_ => Sender.Tell(new JobHistory(
            _nodeId,
            new Dictionary<string, DateTimeOffset>(_next),
            [.. _running.Order(StringComparer.Ordinal)],
            [.. _history.Values.SelectMany(h => h).OrderByDescending(r => r.StartedAt).ThenBy(r => r.Job, StringComparer.Ordinal)])));
        Command<SaveSnapshotSuccess>(success =>
        {
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure => LogSnapshotFailed(_logger, failure.Cause, _nodeId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => LogSnapshotFailed(_logger, failure.Cause, _nodeId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => LogSnapshotFailed(_logger, failure.Cause, _nodeId));
    }

    /// <inheritdoc />
    public override string PersistenceId => HistoryPersistenceId;

    public static Props Props(JobRunner runner, string nodeId, TimeProvider time, ILogger logger) =>
        Akka.Actor.Props.Create(() => new JobScheduler(runner, nodeId, time, logger));

    /// <summary>
    /// The scheduler under a backoff supervisor, as the singleton runs it: a persistent actor stops when the store fails
    /// a write or a recovery, and the supervisor starts it again after <paramref name="minBackoff"/>, doubling up to
    /// <paramref name="maxBackoff"/> while it keeps failing. Messages (the history requests) go through to the scheduler.
    /// </summary>
    public static Props Supervised(JobRunner runner, string nodeId, TimeProvider time, ILogger logger, TimeSpan minBackoff, TimeSpan maxBackoff) =>
        BackoffSupervisor.Props(Backoff.OnStop(Props(runner, nodeId, time, logger), "scheduler", minBackoff, maxBackoff, randomFactor: 0.2, maxNrOfRetries: -1));

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        // A run still going is abandoned with the singleton; the next owner runs the job at its next instant.
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void OnTick(Tick tick)
    {
        Schedule(tick.Job, tick.Due > _time.GetUtcNow() ? tick.Due : _time.GetUtcNow());
        if (!_running.Add(tick.Job))
        {
            LogSkipped(_logger, tick.Job, tick.Due);
            return;
        }

        LogRunning(_logger, tick.Job, tick.Due, _nodeId);
        var job = tick.Job;
        var due = tick.Due;
        var token = _stopping.Token;
        var started = _time.GetUtcNow();
        _runner.RunAsync(job, due, token).PipeTo(
            Self,
            success: details => new RunFinished(details),
            failure: e => new RunFinished(new JobRunDetails(
                new JobRun(job, due, started, _time.GetUtcNow(), _nodeId, JobRun.Failed, string.Empty, e.Message), null, null)));
    }

    private void Finish(JobRun run)
    {
        _running.Remove(run.Job);
        if (run.Error is null)
        {
            LogFinished(_logger, run.Job, run.Summary);
        }
        else
        {
            LogFailed(_logger, run.Job, run.Error);
        }

        Persist(new JobRunRecorded(run), recorded =>
        {
            Add(recorded.Run);
            if (++_sinceSnapshot >= _settings.HistorySize)
            {
                _sinceSnapshot = 0;
                SaveSnapshot(new JobHistorySnapshot([.. _history.Values.SelectMany(h => h).OrderBy(r => r.StartedAt)]));
            }
        });
    }

    private void Add(JobRun run)
    {
        if (!_history.TryGetValue(run.Job, out var runs))
        {
            return;
        }

        runs.AddLast(run);
        while (runs.Count > _settings.HistorySize)
        {
            runs.RemoveFirst();
        }
    }

    private void Schedule(string job, DateTimeOffset after)
    {
        var due = JobSchedule.Of(job, _settings).NextAfter(after);
        _next[job] = due;
        if (_timers.Remove(job, out var previous))
        {
            previous.Dispose();
        }

        var self = Self;
        var delay = due - _time.GetUtcNow();
        _timers[job] = _time.CreateTimer(_ => self.Tell(new Tick(job, due)), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "job scheduler started on {NodeId} with {Runs} runs in its history")]
    private static partial void LogStarted(ILogger logger, string nodeId, int runs);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {Job} for {Due:o} running on {NodeId}")]
    private static partial void LogRunning(ILogger logger, string job, DateTimeOffset due, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {Job} done: {Summary}")]
    private static partial void LogFinished(ILogger logger, string job, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} failed (it runs again at its next instant): {Error}")]
    private static partial void LogFailed(ILogger logger, string job, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job}: the run for {Due:o} is skipped, the previous run is still going")]
    private static partial void LogSkipped(ILogger logger, string job, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job scheduler on {NodeId}: trimming the stored history failed (it is retried at the next snapshot)")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string nodeId);

    /// <summary>A job's instant has come (sent by its timer).</summary>
    private sealed record Tick(string Job, DateTimeOffset Due);

    /// <summary>A run finished.</summary>
    private sealed record RunFinished(JobRunDetails Details);
}
