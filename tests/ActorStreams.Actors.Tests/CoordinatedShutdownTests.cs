using System.Collections.Concurrent;
using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class CoordinatedShutdownTests : ActorSpec
{
    [Fact]
    public async Task RunAsync_RunsPhasesInOrderAndTerminatesTheSystem()
    {
        var order = new ConcurrentQueue<string>();
        var shutdown = Sys.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "last", _ => Record(order, "before-terminate"));
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", _ => Record(order, "leave"));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "first", _ => Record(order, "unbind"));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "stop", async _ =>
        {
            await Task.Yield();
            order.Enqueue("service-stop");
        });

        await shutdown.RunAsync(CoordinatedShutdownReason.ProcessExit).WaitAsync(TestKitSettings.DefaultTimeout);

        Assert.Equal(["unbind", "service-stop", "leave", "before-terminate"], order);
        Assert.True(Sys.IsTerminated);
        Assert.Equal(CoordinatedShutdownReason.ProcessExit, shutdown.Reason);
    }

    [Fact]
    public async Task RunAsync_CalledTwice_RunsOnce()
    {
        var runs = 0;
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "count", _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });

        var first = Sys.CoordinatedShutdown.RunAsync();
        var second = Sys.CoordinatedShutdown.RunAsync(CoordinatedShutdownReason.ClusterLeaving);
        await Task.WhenAll(first, second).WaitAsync(TestKitSettings.DefaultTimeout);

        Assert.Same(first, second);
        Assert.Equal(1, runs);
        Assert.Equal(CoordinatedShutdownReason.Unknown, Sys.CoordinatedShutdown.Reason);
    }

    [Fact]
    public async Task RunAsync_FailingTask_ContinuesWithTheNextPhases()
    {
        var ran = false;
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "fails", _ => throw new TestFailureException("broken"));
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "after", _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        await Sys.CoordinatedShutdown.RunAsync().WaitAsync(TestKitSettings.DefaultTimeout);

        Assert.True(ran);
        Assert.True(Sys.IsTerminated);
    }

    [Fact]
    public void AddTask_UnknownPhase_Throws() =>
        Assert.Throws<ArgumentException>(() => Sys.CoordinatedShutdown.AddTask("no-such-phase", "t", _ => Task.CompletedTask));

    [Fact]
    public void Phases_EndWithActorSystemTerminate()
    {
        Assert.Equal(CoordinatedShutdown.PhaseBeforeServiceUnbind, CoordinatedShutdown.Phases[0]);
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, CoordinatedShutdown.Phases[^1]);
        Assert.True(CoordinatedShutdown.Phases.ToList().IndexOf(CoordinatedShutdown.PhaseClusterLeave)
            < CoordinatedShutdown.Phases.ToList().IndexOf(CoordinatedShutdown.PhaseBeforeActorSystemTerminate));
    }

    private static Task Record(ConcurrentQueue<string> order, string name)
    {
        order.Enqueue(name);
        return Task.CompletedTask;
    }
}

[Trait("Category", "Unit")]
public sealed class CoordinatedShutdownTimeoutTests() : ActorSpec(useFakeTime: true)
{
    [Fact]
    public async Task RunAsync_PhaseTimeout_CancelsTheTaskAndStartsTheNextPhase()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nextPhaseRan = false;
        Sys.CoordinatedShutdown.SetPhaseTimeout(CoordinatedShutdown.PhaseServiceStop, TimeSpan.FromSeconds(2));
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "hangs", async token =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        });
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "next", _ =>
        {
            nextPhaseRan = true;
            return Task.CompletedTask;
        });

        var run = Sys.CoordinatedShutdown.RunAsync();
        await started.Task.WaitAsync(TestKitSettings.DefaultTimeout);
        Assert.False(run.IsCompleted);
        FakeTime.Advance(TimeSpan.FromSeconds(2));

        await cancelled.Task.WaitAsync(TestKitSettings.DefaultTimeout);
        await run.WaitAsync(TestKitSettings.DefaultTimeout);
        Assert.True(nextPhaseRan);
        Assert.True(Sys.IsTerminated);
    }
}
