using System.Reflection;
using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class ActorSystemTests
{
    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    public void Create_InvalidName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => ActorSystem.Create(name));

    [Fact]
    public void Validate_InvalidValue_NamesTheHoconKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActorSystem.Create("s", new ActorSystemSettings { Throughput = 0 }));
        Assert.Contains("actorstreams.actors.throughput", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentException>(() => new ActorSystemSettings { RestartMinBackoff = TimeSpan.FromSeconds(5), RestartMaxBackoff = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Contains("supervision.max-backoff", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<ArgumentException>(() => new ActorSystemSettings { DefaultMailboxCapacity = 0 }.Validate());
        Assert.Contains("default-mailbox.capacity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceConf_IsEmbeddedAndMatchesTheDefaults()
    {
        using var stream = typeof(ActorSystem).Assembly.GetManifestResourceStream("ActorStreams.Actors.reference.conf");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var d = ActorSystemSettings.Default;

        Assert.Contains("actorstreams.actors {", text, StringComparison.Ordinal);
        Assert.Contains($"throughput = {d.Throughput}", text, StringComparison.Ordinal);
        Assert.Contains("kind = unbounded", text, StringComparison.Ordinal);
        Assert.Contains($"capacity = {d.DefaultMailboxCapacity}", text, StringComparison.Ordinal);
        Assert.Contains($"ask-timeout = {d.AskTimeout.TotalSeconds}s", text, StringComparison.Ordinal);
        Assert.Contains($"max-nr-of-retries = {d.MaxNrOfRetries}", text, StringComparison.Ordinal);
        Assert.Contains($"within-time-range = {d.WithinTimeRange.TotalSeconds}s", text, StringComparison.Ordinal);
        Assert.Contains($"min-backoff = {d.RestartMinBackoff.TotalSeconds}s", text, StringComparison.Ordinal);
        Assert.Contains($"max-backoff = {d.RestartMaxBackoff.TotalSeconds}s", text, StringComparison.Ordinal);
        Assert.Contains($"random-factor = {d.RestartRandomFactor.ToString(System.Globalization.CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.Contains("guardian-supervision = restart", text, StringComparison.Ordinal);
        Assert.Contains($"phase-timeout = {d.ShutdownPhaseTimeout.TotalSeconds}s", text, StringComparison.Ordinal);
        Assert.Contains($"log-dead-letters = {d.DeadLetterLogLimit}", text, StringComparison.Ordinal);
        // Every settings property is documented.
        Assert.Equal(12, typeof(ActorSystemSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Length);
    }

    [Fact]
    public async Task DisposeAsync_TerminatesTheSystem()
    {
        var system = ActorSystem.Create("disposed");

        await system.DisposeAsync();

        Assert.True(system.IsTerminated);
    }

    [Fact]
    public async Task Terminate_WithManyActors_Completes()
    {
        var system = ActorSystem.Create("many");
        for (var i = 0; i < 1000; i++)
        {
            system.ActorOf(Props.Create<EchoActor>());
        }

        await system.Terminate().WaitAsync(TestKitSettings.DefaultTimeout);

        Assert.True(system.IsTerminated);
    }

    public sealed class StartedActor(Action started) : Actor
    {
        protected override void PreStart() => started();

        protected override void Receive(object message)
        {
        }
    }
}

/// <summary>Heap deltas are process-wide: nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

[Trait("Category", "Unit")]
[Collection(nameof(HeapMeasurement))]
public sealed class IdleActorMemoryTests
{
    [Fact]
    public async Task IdleActor_UsesLessThan800BytesOfHeap()
    {
        var system = ActorSystem.Create("memory");
        try
        {
            const int count = 20_000;
            var started = 0;
            var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var props = Props.Create(() => new ActorSystemTests.StartedActor(() =>
            {
                if (Interlocked.Increment(ref started) == count)
                {
                    all.TrySetResult();
                }
            }));
            var parent = system.ActorOf(Props.Create<EchoActor>());
            await parent.Ask<string>("warm", TimeSpan.FromSeconds(5));
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var children = new List<IActorRef>(count);
            for (var i = 0; i < count; i++)
            {
                children.Add(system.ActorOf(props));
            }

            await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await parent.Ask<string>("settle", TimeSpan.FromSeconds(5));
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(children);

            // The list of references held here adds 8 bytes per actor.
            Assert.InRange((after - before) / (double)count, 0, 800);
        }
        finally
        {
            await system.Terminate();
        }
    }

}
