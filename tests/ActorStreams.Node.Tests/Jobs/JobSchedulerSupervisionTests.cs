using ActorStreams.Node.Jobs;
using ActorStreams.Node.Jobs.Internal;
using ActorStreams.TestKit;
using ActorStreams.Warehouse;
using ActorStreams.Warehouse.Jobs;
using Akka.Actor;
using Akka.Pattern;
using Akka.Persistence.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Jobs;

/// <summary>
/// The job scheduler under its backoff supervisor (docs/lake.md, Scheduled jobs): when the store refuses to record a run,
/// the persistent scheduler stops, and the supervisor starts it again; it recovers its history, schedules its jobs anew
/// and records the next run. The journal is Akka.Persistence.TestKit's, failing on purpose.
/// </summary>
[Trait("Category", "Integration")]
public sealed class JobSchedulerSupervisionTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(FailingStoreConfig.Hocon, "jobs", output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Scheduler_StoreRefusesToRecordARun_TheSupervisorRestartsItAndTheNextRunIsRecorded()
    {
        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        await journal.OnWrite.Fail();

        // No lake: every run fails at once, and a failed run is recorded like any other.
        var runner = new JobRunner(WarehouseSettings.Default, JobsSettings.Default, null, "node-1", _time);
        var supervisor = Sys.ActorOf(
            JobScheduler.Supervised(runner, "node-1", _time, NullLogger.Instance, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)), "job-scheduler");
        var first = await ChildAsync(supervisor);
        Watch(first);
        var due = (await HistoryAsync(supervisor)).NextRuns[JobNames.FraudMonitor];

        // The run's record is refused: the scheduler stops...
        _time.SetUtcNow(due);
        ExpectTerminated(first, Timeout);

        // ...and comes back, with the next instants scheduled again, and records the run after that.
        await journal.OnWrite.Pass();
        await Eventually.UntilAsync(async () => (await ChildAsync(supervisor)) is { } child && !child.Equals(first), Timeout, "the supervisor starts the scheduler again");
        var history = await HistoryAsync(supervisor);
        Assert.Empty(history.Runs);
        var (job, next) = history.NextRuns.OrderBy(n => n.Value).Select(n => (n.Key, n.Value)).First();
        Assert.True(next > due, $"the next run ({job} at {next:o}) is after the one whose record failed ({due:o})");
        _time.SetUtcNow(next);
        await Eventually.UntilAsync(async () => (await HistoryAsync(supervisor)).Runs.Count > 0, Timeout, "the next run is recorded");
        var run = Assert.Single((await HistoryAsync(supervisor)).Runs);
        Assert.Equal((job, next, JobRun.Failed), (run.Job, run.ScheduledFor, run.Outcome));
    }

    private static async Task<IActorRef?> ChildAsync(IActorRef supervisor) =>
        (await supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, Timeout)).Ref;

    private static Task<JobHistory> HistoryAsync(IActorRef supervisor) => supervisor.Ask<JobHistory>(GetJobHistory.Instance, Timeout);
}
