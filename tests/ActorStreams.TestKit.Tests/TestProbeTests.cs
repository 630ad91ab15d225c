using ActorStreams.Actors;
using Xunit.Sdk;

namespace ActorStreams.TestKit.Tests;

[Trait("Category", "Unit")]
public sealed class TestProbeTests : ActorSpec
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void ExpectMsgOfType_MessageArrives_ReturnsIt()
    {
        TestActor.Tell("hello");

        Assert.Equal("hello", ExpectMsg<string>());
    }

    [Fact]
    public void ExpectMsgOfType_WrongType_FailsNamingBoth()
    {
        TestActor.Tell(42);

        var ex = Assert.Throws<FailException>(() => ExpectMsg<string>());

        Assert.Contains("String", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Int32 42", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgOfType_NothingArrives_FailsWithTimeout()
    {
        var ex = Assert.Throws<FailException>(() => ExpectMsg<string>(Short));

        Assert.Contains("timeout (100 ms)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgWithPredicate_Matching_ReturnsIt_NotMatching_Fails()
    {
        TestActor.Tell(5);
        TestActor.Tell(6);

        Assert.Equal(5, ExpectMsg<int>(i => i % 2 == 1));
        var ex = Assert.Throws<FailException>(() => ExpectMsg<int>(i => i % 2 == 1, hint: "odd"));
        Assert.Contains("odd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgValue_Equal_ReturnsIt_Different_Fails()
    {
        TestActor.Tell("a");
        TestActor.Tell("b");

        Assert.Equal("a", ExpectMsg("a"));
        var ex = Assert.Throws<FailException>(() => ExpectMsg("a"));
        Assert.Contains("expected message String a, got String b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectNoMsg_Quiet_Passes_MessageArrives_Fails()
    {
        ExpectNoMsg(Short);
        TestActor.Tell("noise");

        var ex = Assert.Throws<FailException>(() => ExpectNoMsg(Short));

        Assert.Contains("noise", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveN_Enough_ReturnsInOrder_TooFew_Fails()
    {
        TestActor.Tell(1);
        TestActor.Tell(2);
        TestActor.Tell(3);

        Assert.Equal([1, 2], ReceiveN(2));
        var ex = Assert.Throws<FailException>(() => ReceiveN(2, Short));
        Assert.Contains("message 2 of 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FishForMessage_SkipsUntilMatch_NoMatch_Fails()
    {
        TestActor.Tell("a");
        TestActor.Tell("b");
        TestActor.Tell("c");

        Assert.Equal("b", FishForMessage(m => (string)m == "b"));
        var ex = Assert.Throws<FailException>(() => FishForMessage(m => (string)m == "z", Short));
        Assert.Contains("skipped [String c]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_BlockInTime_Passes()
    {
        Within(TimeSpan.FromSeconds(3), () =>
        {
            TestActor.Tell("x");
            ExpectMsg("x");
        });
    }

    [Fact]
    public void Within_BlockFasterThanMin_Fails()
    {
        var ex = Assert.Throws<FailException>(() => Within(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), () => { }));

        Assert.Contains("should at least have been 2000 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_BlockSlowerThanMax_Fails()
    {
        var ex = Assert.Throws<FailException>(() => Within(TimeSpan.FromMilliseconds(50), () => Probe.AwaitCondition(() => false, TimeSpan.FromSeconds(5))));

        // The expectation inside uses the time left in the block, so it fails first, naming a timeout within 50 ms.
        Assert.Contains("timeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_ExpectationsInside_DefaultToTheTimeLeft()
    {
        var started = DateTime.UtcNow;

        Assert.Throws<FailException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>()));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "the 3 s default was not narrowed to the block");
    }

    [Fact]
    public void Within_Nested_CannotExtendTheOuterBlock()
    {
        TimeSpan inner = default;
        Within(TimeSpan.FromMilliseconds(500), () => Probe.Within(TimeSpan.Zero, TimeSpan.FromSeconds(10), () => inner = Probe.Remaining));

        Assert.InRange(inner, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Remaining_OutsideWithin_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Probe.Remaining);

    [Fact]
    public async Task WithinAsync_BlockInTime_Passes()
    {
        await Probe.WithinAsync(TimeSpan.Zero, TimeSpan.FromSeconds(3), async () =>
        {
            TestActor.Tell("y");
            Assert.Equal("y", await Probe.ExpectMsgAsync<string>());
        });
    }

    [Fact]
    public void AwaitAssert_EventuallyPasses_Passes_NeverPasses_RethrowsLastFailure()
    {
        var attempts = 0;
        AwaitAssert(() => Assert.True(++attempts >= 3));

        Assert.Equal(3, attempts);
        var ex = Assert.Throws<EqualException>(() => AwaitAssert(() => Assert.Equal(1, 2), Short));
        Assert.Contains("Values differ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwaitAssertAsync_EventuallyPasses_Passes()
    {
        var attempts = 0;

        await Probe.AwaitAssertAsync(() =>
        {
            Assert.True(++attempts >= 2);
            return Task.CompletedTask;
        });

        Assert.Equal(2, attempts);
    }

    [Fact]
    public void AwaitCondition_BecomesTrue_Passes_StaysFalse_Fails()
    {
        var flag = 0;
        _ = Task.Run(() => Interlocked.Exchange(ref flag, 1));

        AwaitCondition(() => Volatile.Read(ref flag) == 1);
        var ex = Assert.Throws<FailException>(() => AwaitCondition(() => false, Short, "never"));
        Assert.Contains("never", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SendReplyForward_UseTheRightSenders()
    {
        var other = CreateTestProbe();
        var third = CreateTestProbe();

        other.Send(TestActor, "question");
        Assert.Equal("question", ExpectMsg<string>());
        Assert.Same(other.Ref, LastSender);
        Probe.Reply("answer");
        Assert.Equal("answer", other.ExpectMsg<string>());
        Assert.Same(TestActor, other.LastSender);

        Probe.Forward(third.Ref);
        Assert.Equal("question", third.ExpectMsg<string>());
        Assert.Same(other.Ref, third.LastSender);
    }

    [Fact]
    public void Reply_BeforeAnyMessage_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Probe.Reply("x"));

    [Fact]
    public void WatchExpectTerminated_StoppedActor_Passes_RunningActor_Fails()
    {
        var actor = Sys.ActorOf(Props.Create<Sink>());
        var running = Sys.ActorOf(Props.Create<Sink>());
        Watch(actor);
        Watch(running);

        Sys.Stop(actor);

        Assert.Same(actor, ExpectTerminated(actor).ActorRef);
        var ex = Assert.Throws<FailException>(() => ExpectTerminated(running, Short));
        Assert.Contains("timeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectNoMsgAsync_MessageArrives_Fails()
    {
        await Probe.ExpectNoMsgAsync(Short);
        TestActor.Tell("late");

        await Assert.ThrowsAsync<FailException>(() => Probe.ExpectNoMsgAsync(Short));
    }

    [Fact]
    public async Task ExpectMsgAsync_NothingArrives_FailsWithTimeout()
    {
        var ex = await Assert.ThrowsAsync<FailException>(() => Probe.ExpectMsgAsync<string>(Short));

        Assert.Contains("timeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageCount_CountsQueuedMessages()
    {
        TestActor.Tell(1);
        TestActor.Tell(2);

        AwaitCondition(() => Probe.MessageCount == 2);
        ReceiveN(2);
        Assert.Equal(0, Probe.MessageCount);
    }

    [Fact]
    public void TestKitSettings_Dilated_MultipliesByTheTimeFactor()
    {
        Assert.Equal(TimeSpan.FromSeconds(3 * TestKitSettings.TimeFactor), TestKitSettings.DefaultTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, TestKitSettings.Dilated(Timeout.InfiniteTimeSpan));
        Assert.Equal(TimeSpan.FromSeconds(2 * TestKitSettings.TimeFactor), TestKitSettings.Dilated(TimeSpan.FromSeconds(2)));
    }

    public sealed class Sink : Actor
    {
        protected override void Receive(object message)
        {
        }
    }
}
