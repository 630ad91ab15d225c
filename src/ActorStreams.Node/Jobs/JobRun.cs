namespace ActorStreams.Node.Jobs;

/// <summary>One run of a scheduled job, as the job history keeps it (<c>GET /api/jobs</c>).</summary>
/// <param name="Job"><c>hourly</c> or <c>fraud-monitor</c>.</param>
/// <param name="ScheduledFor">The schedule's instant the run is for (the time it was started by hand for <c>jobs run</c>).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Node">The node that ran it.</param>
/// <param name="Outcome"><c>ok</c> or <c>failed</c>.</param>
/// <param name="Summary">What it did, one line.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record JobRun(
    string Job, DateTimeOffset ScheduledFor, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Node, string Outcome, string Summary, string? Error)
{
    /// <summary>The outcome of a run that did all its work.</summary>
    public const string Ok = "ok";

    /// <summary>The outcome of a run that failed (an exception, or an hour that failed its data-quality checks).</summary>
    public const string Failed = "failed";
}
