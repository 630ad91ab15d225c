using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class SupervisionTests : ActorSpec
{
    private static readonly Exception Boom = new TestFailureException("boom");

    private IActorRef CreateSupervisor(SupervisorStrategy strategy) => Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));

    private IActorRef CreateChild(IActorRef supervisor, string name, IActorRef? events = null)
    {
        supervisor.Tell(new Supervisor.CreateChild(Props.Create(() => new StatefulActor(events)), name), TestActor);
        return ExpectMsg<IActorRef>();
    }

    private int CountOf(IActorRef actor)
    {
        actor.Tell("get", TestActor);
        return ExpectMsg<int>();
    }

    [Fact]
    public void OneForOne_Resume_KeepsState()
    {
        var supervisor = CreateSupervisor(new OneForOneStrategy(_ => Directive.Resume));
        var child = CreateChild(supervisor, "child");
        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell("inc");

        Assert.Equal(3, CountOf(child));
    }

    [Fact]
    public void OneForOne_Restart_ResetsStateAndCallsHooksInOrder()
    {
        var events = CreateTestProbe();
        var supervisor = CreateSupervisor(new OneForOneStrategy(_ => Directive.Restart));
        var child = CreateChild(supervisor, "child", events.Ref);
        events.ExpectMsg("prestart:child");
        child.Tell("inc");
        child.Tell(new StatefulActor.Fail(Boom));

        events.ExpectMsg("prerestart:child:boom:Fail(boom)");
        events.ExpectMsg("poststop:child");
        events.ExpectMsg("postrestart:child:boom");
        events.ExpectMsg("prestart:child");
        Assert.Equal(0, CountOf(child));
    }

    [Fact]
    public void OneForOne_Restart_KeepsQueuedMessagesAndDropsTheFailingOne()
    {
        var supervisor = CreateSupervisor(new OneForOneStrategy(_ => Directive.Restart));
        var child = CreateChild(supervisor, "child");
        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell("inc");
        child.Tell("inc");

        Assert.Equal(2, CountOf(child));
    }

    [Fact]
    public void OneForOne_Stop_StopsOnlyTheFailedChild()
    {
        var supervisor = CreateSupervisor(new OneForOneStrategy(_ => Directive.Stop));
        var child = CreateChild(supervisor, "child");
        var sibling = CreateChild(supervisor, "sibling");
        Watch(child);
        child.Tell(new StatefulActor.Fail(Boom));

        ExpectTerminated(child);
        sibling.Tell("inc");
        Assert.Equal(1, CountOf(sibling));
    }

    [Fact]
    public void OneForOne_Escalate_HandsTheFailureToTheGrandparent()
    {
        var events = CreateTestProbe();
        var top = CreateSupervisor(new OneForOneStrategy(ex => ex is TestFailureException ? Directive.Stop : Directive.Restart));
        top.Tell(new Supervisor.CreateChild(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), "middle"), TestActor);
        var middle = ExpectMsg<IActorRef>();
        var child = CreateChild(middle, "child", events.Ref);
        events.ExpectMsg("prestart:child");
        Watch(middle);
        Watch(child);

        child.Tell(new StatefulActor.Fail(Boom));

        // The grandparent stops the middle actor, which stops its child first.
        events.ExpectMsg("poststop:child");
        var terminated = ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToList();
        Assert.Contains(child, terminated);
        Assert.Contains(middle, terminated);
    }

    [Fact]
    public void OneForOne_EscalateThenResume_ResumesTheFailedChild()
    {
        var top = CreateSupervisor(new OneForOneStrategy(_ => Directive.Resume));
        top.Tell(new Supervisor.CreateChild(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), "middle"), TestActor);
        var middle = ExpectMsg<IActorRef>();
        var child = CreateChild(middle, "child");
        child.Tell("inc");
        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell("inc");

        Assert.Equal(2, CountOf(child));
    }

    [Fact]
    public void AllForOne_Restart_RestartsEverySibling()
    {
        var events = CreateTestProbe();
        var supervisor = CreateSupervisor(new AllForOneStrategy(_ => Directive.Restart));
        var a = CreateChild(supervisor, "a", events.Ref);
        var b = CreateChild(supervisor, "b", events.Ref);
        events.ReceiveN(2);
        a.Tell("inc");
        b.Tell("inc");
        Assert.Equal(1, CountOf(b));

        a.Tell(new StatefulActor.Fail(Boom));

        events.FishForMessage(m => (string)m == "postrestart:a:boom");
        Assert.Equal(0, CountOf(a));
        Assert.Equal(0, CountOf(b));
    }

    [Fact]
    public void AllForOne_Stop_StopsEverySibling()
    {
        var supervisor = CreateSupervisor(new AllForOneStrategy(_ => Directive.Stop));
        var a = CreateChild(supervisor, "a");
        var b = CreateChild(supervisor, "b");
        Watch(a);
        Watch(b);

        a.Tell(new StatefulActor.Fail(Boom));

        var terminated = ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToList();
        Assert.Contains(a, terminated);
        Assert.Contains(b, terminated);
    }

    [Fact]
    public void AllForOne_Resume_ResumesOnlyTheFailedChildAndKeepsState()
    {
        var supervisor = CreateSupervisor(new AllForOneStrategy(_ => Directive.Resume));
        var a = CreateChild(supervisor, "a");
        var b = CreateChild(supervisor, "b");
        a.Tell("inc");
        b.Tell("inc");
        a.Tell(new StatefulActor.Fail(Boom));
        a.Tell("inc");

        Assert.Equal(2, CountOf(a));
        Assert.Equal(1, CountOf(b));
    }

    [Fact]
    public void AllForOne_Escalate_StopsTheSubtreeWhenTheGrandparentStops()
    {
        var top = CreateSupervisor(new OneForOneStrategy(_ => Directive.Stop));
        top.Tell(new Supervisor.CreateChild(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Escalate))), "middle"), TestActor);
        var middle = ExpectMsg<IActorRef>();
        var a = CreateChild(middle, "a");
        var b = CreateChild(middle, "b");
        Watch(middle);
        Watch(a);
        Watch(b);

        b.Tell(new StatefulActor.Fail(Boom));

        var terminated = ReceiveN(3).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.Equal(new HashSet<IActorRef> { middle, a, b }, terminated);
    }

    [Fact]
    public void OneForOne_RetryLimitExceeded_StopsTheChild()
    {
        var supervisor = CreateSupervisor(new OneForOneStrategy(2, Timeout.InfiniteTimeSpan, _ => Directive.Restart));
        var child = CreateChild(supervisor, "child");
        Watch(child);

        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell(new StatefulActor.Fail(Boom));
        Assert.Equal(0, CountOf(child));
        child.Tell(new StatefulActor.Fail(Boom));

        ExpectTerminated(child);
    }

    [Fact]
    public void OneForOne_ZeroRetries_StopsOnFirstFailure()
    {
        var supervisor = CreateSupervisor(new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Restart));
        var child = CreateChild(supervisor, "child");
        Watch(child);

        child.Tell(new StatefulActor.Fail(Boom));

        ExpectTerminated(child);
    }

    [Fact]
    public void DefaultStrategy_ConstructorFailure_StopsTheActor()
    {
        var actor = Sys.ActorOf(Props.Create<FailingConstructorActor>());
        Watch(actor);

        ExpectTerminated(actor);
    }

    [Fact]
    public void DefaultStrategy_Kill_StopsTheActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));
        Watch(actor);

        actor.Tell(Kill.Instance);

        ExpectTerminated(actor);
    }

    [Fact]
    public void DefaultStrategy_OrdinaryException_RestartsTheActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));
        actor.Tell("inc");
        actor.Tell(new StatefulActor.Fail(Boom));

        Assert.Equal(0, CountOf(actor));
    }

    [Fact]
    public void Props_WithSupervisorStrategy_IsUsedForChildren()
    {
        var parent = Sys.ActorOf(Props.Create(() => new PlainParent()).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume)));
        parent.Tell(new Supervisor.CreateChild(Props.Create(() => new StatefulActor(null)), "child"), TestActor);
        var child = ExpectMsg<IActorRef>();
        child.Tell("inc");
        child.Tell(new StatefulActor.Fail(Boom));

        Assert.Equal(1, CountOf(child));
    }

    [Fact]
    public void RestartBackoff_DelayFor_GrowsExponentiallyUpToTheMaximum()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.DelayFor(1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.DelayFor(2, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(4), backoff.DelayFor(3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.DelayFor(4, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(1.5), new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 1).DelayFor(1, 0.5));
        Assert.Equal(TimeSpan.Zero, RestartBackoff.None.DelayFor(3, 0.9));
    }

    public sealed class FailingConstructorActor : Actor
    {
        public FailingConstructorActor() => throw new TestFailureException("constructor");

        protected override void Receive(object message)
        {
        }
    }

    public sealed class PlainParent : Actor
    {
        protected override void Receive(object message)
        {
            if (message is Supervisor.CreateChild create)
            {
                Sender.Tell(Context.ActorOf(create.Props, create.Name));
            }
        }
    }
}

[Trait("Category", "Unit")]
public sealed class SupervisionFakeTimeTests() : ActorSpec(useFakeTime: true)
{
    private static readonly Exception Boom = new TestFailureException("boom");

    [Fact]
    public void RestartBackoff_KeepsTheChildSuspendedUntilTheDelayElapses()
    {
        var events = CreateTestProbe();
        var strategy = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Restart,
            new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0));
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        supervisor.Tell(new Supervisor.CreateChild(Props.Create(() => new StatefulActor(events.Ref)), "child"), TestActor);
        var child = ExpectMsg<IActorRef>();
        events.ExpectMsg("prestart:child");

        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell("get", TestActor);
        AwaitCondition(() => FakeTime.ActiveTimerCount == 1, message: "backoff timer scheduled");
        FakeTime.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(10));
        FakeTime.Advance(TimeSpan.FromMilliseconds(1));

        events.ExpectMsg<string>(s => s.StartsWith("prerestart:child", StringComparison.Ordinal));
        Assert.Equal(0, ExpectMsg<int>());

        // The second restart in the window waits twice as long.
        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell("get", TestActor);
        AwaitCondition(() => FakeTime.ActiveTimerCount == 1, message: "backoff timer scheduled");
        FakeTime.Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, ExpectMsg<int>());
    }

    [Fact]
    public void RetryWindow_ExpiredWindow_ResetsTheRestartCount()
    {
        var strategy = new OneForOneStrategy(1, TimeSpan.FromSeconds(10), _ => Directive.Restart);
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        supervisor.Tell(new Supervisor.CreateChild(Props.Create(() => new StatefulActor(null)), "child"), TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);

        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell("get", TestActor);
        Assert.Equal(0, ExpectMsg<int>());
        FakeTime.Advance(TimeSpan.FromSeconds(11));
        child.Tell(new StatefulActor.Fail(Boom));
        child.Tell("get", TestActor);
        Assert.Equal(0, ExpectMsg<int>());

        // A second failure within the same window exceeds the limit of one.
        child.Tell(new StatefulActor.Fail(Boom));
        ExpectTerminated(child);
    }
}

[Trait("Category", "Unit")]
public sealed class GuardianEscalationTests() : ActorSpec(new ActorSystemSettings { GuardianSupervision = GuardianSupervision.Escalate })
{
    [Fact]
    public async Task GuardianEscalate_TopLevelFailure_StopsTheUserTreeAndTerminatesTheSystem()
    {
        var events = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(events.Ref)), "top");
        events.ExpectMsg("prestart:top");

        actor.Tell(new StatefulActor.Fail(new TestFailureException("fatal")));

        events.ExpectMsg("poststop:top");
        await Sys.WhenTerminated.WaitAsync(TestKitSettings.DefaultTimeout);
        Assert.True(Sys.IsTerminated);
    }
}

[Trait("Category", "Unit")]
public sealed class GuardianStopTests() : ActorSpec(new ActorSystemSettings { GuardianSupervision = GuardianSupervision.Stop })
{
    [Fact]
    public void GuardianStop_TopLevelFailure_StopsOnlyThatActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));
        var other = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));
        Watch(actor);

        actor.Tell(new StatefulActor.Fail(new TestFailureException("x")));

        ExpectTerminated(actor);
        other.Tell("get", TestActor);
        Assert.Equal(0, ExpectMsg<int>());
        Assert.False(Sys.IsTerminated);
    }
}
