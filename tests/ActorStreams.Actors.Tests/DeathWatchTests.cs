using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class DeathWatchTests : ActorSpec
{
    [Fact]
    public void Watch_StoppedActor_DeliversTerminatedOnce()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Watch(actor);

        Sys.Stop(actor);

        Assert.Same(actor, ExpectTerminated(actor).ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watch_AlreadyDeadActor_DeliversTerminated()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        var first = CreateTestProbe();
        first.Watch(actor);
        Sys.Stop(actor);
        first.ExpectTerminated(actor);

        Watch(actor);

        ExpectTerminated(actor);
    }

    [Fact]
    public void ContextWatch_FromActor_DeliversTerminatedMessageToTheWatcher()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(TestActor)));
        watcher.Tell(new WatchingActor.WatchIt(target));
        ExpectMsg("watching");

        target.Tell(PoisonPill.Instance);

        Assert.Same(target, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ContextWatch_AlreadyDeadActor_DeliversTerminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(TestActor)));

        watcher.Tell(new WatchingActor.WatchIt(target));

        ExpectMsg("watching");
        Assert.Same(target, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void ContextUnwatch_BeforeStop_DeliversNoTerminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(TestActor)));
        watcher.Tell(new WatchingActor.WatchIt(target));
        ExpectMsg("watching");
        watcher.Tell(new WatchingActor.UnwatchIt(target));
        ExpectMsg("unwatched");

        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void UnhandledTerminated_ThrowsDeathPactAndStopsTheWatcher()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new DeathPactActor(target)));
        Watch(watcher);
        watcher.Tell("ready?", TestActor);
        ExpectMsg("ready");

        Sys.Stop(target);

        ExpectTerminated(watcher);
    }

    [Fact]
    public void TestProbeUnwatch_BeforeStop_DeliversNoTerminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Probe.Watch(target);
        Probe.Unwatch(target);
        var other = CreateTestProbe();
        other.Watch(target);

        Sys.Stop(target);

        other.ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    public sealed class WatchingActor(IActorRef reportTo) : Actor
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case WatchIt watch:
                    Context.Watch(watch.Target);
                    reportTo.Tell("watching");
                    break;
                case UnwatchIt unwatch:
                    Context.Unwatch(unwatch.Target);
                    reportTo.Tell("unwatched");
                    break;
                case Terminated terminated:
                    reportTo.Tell(terminated);
                    break;
            }
        }

        public sealed record WatchIt(IActorRef Target);

        public sealed record UnwatchIt(IActorRef Target);
    }

    public sealed class DeathPactActor : Actor
    {
        public DeathPactActor(IActorRef target) => Context.Watch(target);

        protected override void Receive(object message)
        {
            if (message is "ready?")
            {
                Sender.Tell("ready");
            }
            else
            {
                Unhandled(message);
            }
        }
    }
}
