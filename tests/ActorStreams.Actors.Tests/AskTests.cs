using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class AskTests : ActorSpec
{
    [Fact]
    public async Task Ask_Reply_CompletesWithTheReply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var reply = await echo.Ask<string>("hello", TimeSpan.FromSeconds(5));

        Assert.Equal("hello", reply);
    }

    [Fact]
    public async Task Ask_StatusFailureReply_FaultsWithTheCause()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var cause = new TestFailureException("nope");

        var ex = await Assert.ThrowsAsync<TestFailureException>(() => echo.Ask<string>(new Status.Failure(cause), TimeSpan.FromSeconds(5)));

        Assert.Same(cause, ex);
    }

    [Fact]
    public async Task Ask_StatusSuccessReply_CompletesWithItsValue()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        Assert.Equal(42, await echo.Ask<int>(new Status.Success(42), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_ReplyOfWrongType_FaultsWithInvalidCast()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var ex = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", TimeSpan.FromSeconds(5)));

        Assert.Contains("Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_NoReplyWithinShortTimeout_FaultsWithAskTimeoutException()
    {
        var silent = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));

        var ex = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<int>("inc", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ActorRuntimeException>(ex);
    }

    [Fact]
    public async Task Ask_Cancelled_CancelsTheTask()
    {
        var silent = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));
        using var cancellation = new CancellationTokenSource();

        var task = silent.Ask<int>("inc", TimeSpan.FromSeconds(30), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Ask_DefaultTimeout_UsesTheSystemSetting()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        Assert.Equal("x", await echo.Ask<string>("x"));
    }
}

[Trait("Category", "Unit")]
public sealed class AskFakeTimeTests() : ActorSpec(useFakeTime: true)
{
    [Fact]
    public async Task Ask_NoReply_TimesOutOnlyWhenTheFakeClockPassesTheTimeout()
    {
        var silent = Sys.ActorOf(Props.Create(() => new StatefulActor(null)));

        var task = silent.Ask<int>("inc", TimeSpan.FromSeconds(10));
        FakeTime.Advance(TimeSpan.FromSeconds(9));
        Assert.False(task.IsCompleted);
        FakeTime.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => task);
    }
}
