namespace ActorStreams.Node.Jobs;

/// <summary>The job scheduler's messages and persisted events; the ones that cross nodes or reach the store use <see cref="JobHistorySerializer"/>.</summary>
public interface IJobSchedulerMessage;

/// <summary>Asks the scheduler (through the node's singleton proxy) for its history; answered with <see cref="JobHistory"/>.</summary>
public sealed record GetJobHistory : IJobSchedulerMessage
{
    /// <summary>The one instance.</summary>
    public static GetJobHistory Instance { get; } = new();
}

/// <summary>The scheduler's state: where it runs, when each job runs next, which are running, and the kept runs, newest first.</summary>
/// <param name="Node">The node running the scheduler.</param>
/// <param name="NextRuns">Each job's next scheduled instant.</param>
/// <param name="Running">Jobs running now.</param>
/// <param name="Runs">The last runs of every job (at most <c>actorstreams.jobs.history-size</c> each), newest first.</param>
public sealed record JobHistory(string Node, IReadOnlyDictionary<string, DateTimeOffset> NextRuns, IReadOnlyList<string> Running, IReadOnlyList<JobRun> Runs)
    : IJobSchedulerMessage;

/// <summary>The persisted event of a finished run.</summary>
/// <param name="Run">The run.</param>
public sealed record JobRunRecorded(JobRun Run) : IJobSchedulerMessage;

/// <summary>The persisted snapshot of the kept runs.</summary>
/// <param name="Runs">The runs, oldest first.</param>
public sealed record JobHistorySnapshot(IReadOnlyList<JobRun> Runs) : IJobSchedulerMessage;
