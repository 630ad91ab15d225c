using ActorStreams.Actors;

namespace ActorStreams.TestKit.Tests;

[Trait("Category", "Unit")]
public sealed class ActorSpecTests : ActorSpec
{
    [Fact]
    public void ActorSpec_ProvidesARunningSystemAndProbe()
    {
        Assert.False(Sys.IsTerminated);
        Assert.Same(TimeProvider.System, Sys.TimeProvider);
        Assert.Throws<InvalidOperationException>(() => FakeTime);
        Assert.Contains("testActor", TestActor.Path.ToString(), StringComparison.Ordinal);
        Assert.NotSame(CreateTestProbe().Ref, CreateTestProbe().Ref);
    }

    [Fact]
    public async Task DisposeAsync_TerminatesTheSystem()
    {
        var spec = new FakeTimeSpec();
        var system = spec.System;

        await spec.DisposeAsync();

        Assert.True(system.IsTerminated);
    }

    private sealed class FakeTimeSpec() : ActorSpec(useFakeTime: true)
    {
        public ActorSystem System => Sys;
    }
}

[Trait("Category", "Unit")]
public sealed class ActorSpecFakeTimeTests() : ActorSpec(useFakeTime: true)
{
    [Fact]
    public void ActorSpec_WithFakeTime_RunsTheSchedulerOnTheFakeClock()
    {
        Assert.Same(FakeTime, Sys.TimeProvider);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromHours(1), TestActor, "later");

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        FakeTime.Advance(TimeSpan.FromHours(1));

        ExpectMsg("later");
    }
}
