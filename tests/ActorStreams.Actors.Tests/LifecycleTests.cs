using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class LifecycleTests : ActorSpec
{
    [Fact]
    public void PoisonPill_IsProcessedInMailboxOrder()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(TestActor)), "pill");
        ExpectMsg("prestart:pill");
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));

        actor.Tell("get", TestActor);
        actor.Tell("inc");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("get", TestActor);

        ExpectMsg(0);
        ExpectMsg("poststop:pill");
        Assert.Equal("get", deadLetters.ExpectMsg<DeadLetter>().Message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task GracefulStop_RunningActor_CompletesTrueAfterPostStop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(TestActor)), "graceful");
        ExpectMsg("prestart:graceful");

        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(5)));

        ExpectMsg("poststop:graceful");
    }

    [Fact]
    public void Stop_Parent_StopsChildrenFirstThenPostStop()
    {
        var parent = Sys.ActorOf(Props.Create(() => new TreeActor(TestActor, 2)), "root");
        ExpectMsg("prestart:root");
        var started = ReceiveN(4).Cast<string>().ToHashSet();
        Assert.Equal(new HashSet<string> { "prestart:root-0", "prestart:root-1", "prestart:root-0-0", "prestart:root-1-0" }, started);

        Sys.Stop(parent);

        var stopped = ReceiveN(5).Cast<string>().ToList();
        Assert.Equal("poststop:root", stopped[^1]);
        Assert.True(stopped.IndexOf("poststop:root-0-0") < stopped.IndexOf("poststop:root-0"));
        Assert.True(stopped.IndexOf("poststop:root-1-0") < stopped.IndexOf("poststop:root-1"));
    }

    [Fact]
    public void ContextStop_Self_StopsAfterTheCurrentMessage()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SelfStopper(TestActor)));
        Watch(actor);

        actor.Tell("stop");
        actor.Tell("after");

        ExpectMsg("stopping");
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task Terminate_StopsAllActorsAndCompletesWhenTerminated()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(TestActor)), "one");
        ExpectMsg("prestart:one");

        await Sys.Terminate().WaitAsync(TestKitSettings.DefaultTimeout);

        ExpectMsg("poststop:one");
        Assert.True(Sys.IsTerminated);
        Assert.True(Sys.WhenTerminated.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create<EchoActor>()));
        Assert.Same(Sys.WhenTerminated, Sys.Terminate());
    }

    [Fact]
    public void ActorOf_DuplicateName_Throws()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "same");

        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "same"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("with/slash")]
    [InlineData("with space")]
    public void ActorOf_InvalidName_Throws(string name) =>
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), name));

    [Fact]
    public void ActorOf_NoName_GetsUniqueGeneratedNames()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>());
        var b = Sys.ActorOf(Props.Create<EchoActor>());

        Assert.StartsWith("$", a.Path.Name, StringComparison.Ordinal);
        Assert.NotEqual(a.Path, b.Path);
    }

    [Fact]
    public void Path_OfChild_IsSchemeSystemUserParentChild()
    {
        var parent = Sys.ActorOf(Props.Create(() => new TreeActor(TestActor, 1)), "parent");
        ReceiveN(3);
        parent.Tell("child?", TestActor);
        var child = ExpectMsg<IActorRef>();

        Assert.Equal($"actorstreams://{Sys.Name}/user/parent/parent-0", child.Path.ToString());
        Assert.Equal(ActorPath.Parse(child.Path.ToString()), child.Path);
        Assert.Equal(["user", "parent", "parent-0"], child.Path.Elements);
    }

    [Fact]
    public void Context_ChildAndChildren_FindCreatedChildren()
    {
        var parent = Sys.ActorOf(Props.Create(() => new TreeActor(TestActor, 1)), "p");
        ReceiveN(3);

        parent.Tell("children?", TestActor);

        Assert.Equal(1, ExpectMsg<int>());
    }

    [Fact]
    public void Become_Unbecome_SwitchAndRestoreBehaviour()
    {
        var actor = Sys.ActorOf(Props.Create<MoodActor>());

        actor.Tell("mood?", TestActor);
        ExpectMsg("calm");
        actor.Tell("anger", TestActor);
        actor.Tell("mood?", TestActor);
        ExpectMsg("angry");
        actor.Tell("calm down", TestActor);
        actor.Tell("mood?", TestActor);
        ExpectMsg("calm");
    }

    [Fact]
    public void Stash_UnstashAll_ReplaysMessagesInOrder()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StashingActor(TestActor)));

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell("open");
        actor.Tell(3);

        Assert.Equal([1, 2, 3], ReceiveN(3));
    }

    [Fact]
    public void ReceiveActor_DispatchesByTypeAndPredicate()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TypedActor(TestActor)));

        actor.Tell(5);
        actor.Tell(-5);
        actor.Tell("text");
        actor.Tell(2.5);

        ExpectMsg("positive 5");
        ExpectMsg("int -5");
        ExpectMsg("string text");
        ExpectMsg("any 2.5");
    }

    [Fact]
    public void ReceiveActor_BecomeStacked_UsesNewHandlersUntilUnbecome()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TypedActor(TestActor)));

        actor.Tell("switch");
        actor.Tell("text");
        actor.Tell("back");
        actor.Tell("text");

        ExpectMsg("switched text");
        ExpectMsg("string text");
    }

    [Fact]
    public void Unhandled_PublishesUnhandledMessage()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));

        actor.Tell("what?", TestActor);

        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal("what?", unhandled.Message);
        Assert.Same(actor, unhandled.Recipient);
    }

    [Fact]
    public void Actor_CreatedWithNew_Throws() =>
        Assert.Throws<ActorRuntimeException>(() => new EchoActor());

    [Fact]
    public void EventStream_DelegateSubscription_ReceivesUntilDisposed()
    {
        var seen = new List<string>();
        var subscription = Sys.EventStream.Subscribe<string>(seen.Add);

        Sys.EventStream.Publish("one");
        subscription.Dispose();
        Sys.EventStream.Publish("two");

        Assert.Equal(["one"], seen);
    }

    public sealed class TreeActor(IActorRef events, int children) : Actor
    {
        protected override void PreStart()
        {
            events.Tell($"prestart:{Self.Path.Name}");
            var depth = Self.Path.Name.Count(c => c == '-');
            if (depth == 0)
            {
                for (var i = 0; i < children; i++)
                {
                    Context.ActorOf(Props.Create(() => new TreeActor(events, 1)), $"{Self.Path.Name}-{i}");
                }
            }
            else if (depth == 1)
            {
                Context.ActorOf(Props.Create(() => new TreeActor(events, 0)), $"{Self.Path.Name}-0");
            }
        }

        protected override void PostStop() => events.Tell($"poststop:{Self.Path.Name}");

        protected override void Receive(object message)
        {
            if (message is "child?")
            {
                Sender.Tell(Context.Child($"{Self.Path.Name}-0")!);
            }
            else if (message is "children?")
            {
                Sender.Tell(Context.Children.Count);
            }
        }
    }

    public sealed class SelfStopper(IActorRef reportTo) : Actor
    {
        protected override void Receive(object message)
        {
            if (message is "stop")
            {
                Context.Stop(Self);
                reportTo.Tell("stopping");
            }
            else
            {
                reportTo.Tell(message);
            }
        }
    }

    public sealed class MoodActor : Actor
    {
        protected override void Receive(object message)
        {
            if (message is "mood?")
            {
                Sender.Tell("calm");
            }
            else if (message is "anger")
            {
                Context.Become(Angry, discardOld: false);
            }
        }

        private void Angry(object message)
        {
            if (message is "mood?")
            {
                Sender.Tell("angry");
            }
            else if (message is "calm down")
            {
                Context.Unbecome();
            }
        }
    }

    public sealed class StashingActor(IActorRef reportTo) : Actor
    {
        private bool _open;

        protected override void Receive(object message)
        {
            if (message is "open")
            {
                _open = true;
                Stash.UnstashAll();
            }
            else if (!_open)
            {
                Stash.Stash();
            }
            else
            {
                reportTo.Tell(message);
            }
        }
    }

    public sealed class TypedActor : ReceiveActor
    {
        public TypedActor(IActorRef reportTo)
        {
            Receive<int>(i => reportTo.Tell($"positive {i}"), i => i > 0);
            Receive<int>(i => reportTo.Tell($"int {i}"));
            Receive<string>(s =>
            {
                if (s != "switch")
                {
                    return false;
                }

                BecomeStacked(() =>
                {
                    Receive<string>(_ => UnbecomeStacked(), t => t == "back");
                    Receive<string>(t => reportTo.Tell($"switched {t}"));
                });
                return true;
            });
            Receive<string>(s => reportTo.Tell($"string {s}"));
            ReceiveAny(o => reportTo.Tell($"any {o}"));
        }
    }
}
