using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class TimerTests() : ActorSpec(useFakeTime: true)
{
    private IActorRef CreateTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

    private void Do(IActorRef actor, object command)
    {
        actor.Tell(command, TestActor);
        ExpectMsg("ok");
    }

    [Fact]
    public void SingleTimer_FiresOnceWhenTheFakeClockReachesTheDelay()
    {
        var actor = CreateTimerActor();
        Do(actor, new TimerActor.Single("k", "tick", TimeSpan.FromSeconds(5)));

        FakeTime.Advance(TimeSpan.FromSeconds(4));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        FakeTime.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick");
        FakeTime.Advance(TimeSpan.FromSeconds(60));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        actor.Tell(new TimerActor.IsActive("k"), TestActor);
        Assert.False(ExpectMsg<bool>());
    }

    [Fact]
    public void PeriodicTimer_FiresEveryInterval()
    {
        var actor = CreateTimerActor();
        Do(actor, new TimerActor.Periodic("k", "tick", TimeSpan.FromSeconds(1)));

        FakeTime.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["tick", "tick", "tick"], ReceiveN(3));
        actor.Tell(new TimerActor.IsActive("k"), TestActor);
        Assert.True(ExpectMsg<bool>());
    }

    [Fact]
    public void CancelledTimer_NeverDelivers()
    {
        var actor = CreateTimerActor();
        Do(actor, new TimerActor.Single("k", "tick", TimeSpan.FromSeconds(1)));
        Do(actor, new TimerActor.CancelIt("k"));

        FakeTime.Advance(TimeSpan.FromSeconds(10));

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ReplacedTimer_StaleMessageAlreadyQueued_IsNotDelivered()
    {
        var actor = CreateTimerActor();
        // The actor blocks on a gate so the first timer's message is queued behind the replacing command.
        var gate = new ManualResetEventSlim();
        Do(actor, new TimerActor.Single("k", "old", TimeSpan.FromSeconds(1)));
        actor.Tell(new TimerActor.Block(gate), TestActor);
        ExpectMsg("blocked");
        actor.Tell(new TimerActor.Single("k", "new", TimeSpan.FromSeconds(5)), TestActor);
        FakeTime.Advance(TimeSpan.FromSeconds(1));
        gate.Set();

        ExpectMsg("ok");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        FakeTime.Advance(TimeSpan.FromSeconds(5));
        ExpectMsg("new");
    }

    [Fact]
    public void Timers_OnStop_AreCancelled()
    {
        var actor = CreateTimerActor();
        Do(actor, new TimerActor.Periodic("k", "tick", TimeSpan.FromSeconds(1)));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        FakeTime.Advance(TimeSpan.FromSeconds(10));

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, FakeTime.ActiveTimerCount);
    }

    [Fact]
    public void Timers_OnRestart_AreCancelled()
    {
        var actor = CreateTimerActor();
        Do(actor, new TimerActor.Periodic("k", "tick", TimeSpan.FromSeconds(1)));

        actor.Tell(new StatefulActor.Fail(new TestFailureException("restart")));
        actor.Tell(new TimerActor.IsActive("k"), TestActor);
        Assert.False(ExpectMsg<bool>());
        FakeTime.Advance(TimeSpan.FromSeconds(10));

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void SchedulerTellOnce_DeliversAfterTheDelay()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "once");

        FakeTime.Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        FakeTime.Advance(TimeSpan.FromSeconds(1));

        ExpectMsg("once");
    }

    [Fact]
    public void SchedulerTellRepeatedly_DeliversUntilCancelled()
    {
        var handle = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "again");

        FakeTime.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["again", "again", "again"], ReceiveN(3));
        handle.Cancel();
        FakeTime.Advance(TimeSpan.FromSeconds(10));

        Assert.True(handle.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void SchedulerTellOnce_Cancelled_DeliversNothing()
    {
        var handle = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "once");
        handle.Cancel();

        FakeTime.Advance(TimeSpan.FromSeconds(5));

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void SchedulerScheduleOnce_RunsTheAction()
    {
        var ran = new TaskCompletionSource();
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => ran.TrySetResult());

        FakeTime.Advance(TimeSpan.FromSeconds(1));

        Assert.True(ran.Task.IsCompleted);
    }

    public sealed class TimerActor(IActorRef reportTo) : Actor
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case Single single:
                    Timers.StartSingleTimer(single.Key, single.Message, single.Delay);
                    Sender.Tell("ok");
                    break;
                case Periodic periodic:
                    Timers.StartPeriodicTimer(periodic.Key, periodic.Message, periodic.Interval);
                    Sender.Tell("ok");
                    break;
                case CancelIt cancel:
                    Timers.Cancel(cancel.Key);
                    Sender.Tell("ok");
                    break;
                case IsActive active:
                    Sender.Tell(Timers.IsTimerActive(active.Key));
                    break;
                case Block block:
                    Sender.Tell("blocked");
                    block.Gate.Wait(TimeSpan.FromSeconds(30));
                    break;
                case StatefulActor.Fail fail:
                    throw fail.Exception;
                case string text:
                    reportTo.Tell(text);
                    break;
            }
        }

        public sealed record Single(string Key, object Message, TimeSpan Delay);

        public sealed record Periodic(string Key, object Message, TimeSpan Interval);

        public sealed record CancelIt(string Key);

        public sealed record IsActive(string Key);

        public sealed record Block(ManualResetEventSlim Gate);
    }
}
