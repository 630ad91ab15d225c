using ActorStreams.Actors;
using Xunit;

namespace ActorStreams.TestKit;

/// <summary>
/// Base class of actor tests: a fresh <see cref="ActorSystem"/> per test (optionally on a
/// <see cref="FakeTimeProvider"/>), a default probe <see cref="TestActor"/> with the expectation methods forwarded
/// to it, and termination of the system (awaited) when the test ends.
/// </summary>
public abstract class ActorSpec : IAsyncLifetime
{
    private readonly FakeTimeProvider? _fakeTime;

    /// <summary>Creates the system.</summary>
    /// <param name="settings">Settings; null for the defaults.</param>
    /// <param name="useFakeTime">Run the system on a <see cref="FakeTimeProvider"/> (see <see cref="FakeTime"/>).</param>
    protected ActorSpec(ActorSystemSettings? settings = null, bool useFakeTime = false)
    {
        _fakeTime = useFakeTime ? new FakeTimeProvider() : null;
        Sys = ActorSystem.Create(GetType().Name.Replace('+', '-'), settings, _fakeTime);
        Probe = new TestProbe(Sys, "testActor");
    }

    /// <summary>The system under test.</summary>
    protected ActorSystem Sys { get; }

    /// <summary>The fake clock; throws unless the spec was created with <c>useFakeTime</c>.</summary>
    protected FakeTimeProvider FakeTime => _fakeTime ?? throw new InvalidOperationException("create the spec with useFakeTime: true");

    /// <summary>The default probe.</summary>
    protected TestProbe Probe { get; }

    /// <summary>The default probe's reference: pass it as sender or reply address.</summary>
    protected IActorRef TestActor => Probe.Ref;

    /// <summary>The sender of the default probe's last message.</summary>
    protected IActorRef? LastSender => Probe.LastSender;

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync() =>
        await Sys.Terminate().WaitAsync(TestKitSettings.Dilated(TimeSpan.FromSeconds(10))).ConfigureAwait(false);

    /// <summary>A new probe in <see cref="Sys"/>.</summary>
    protected TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    /// <summary>See <see cref="TestProbe.ExpectMsg{T}(TimeSpan?)"/>.</summary>
    protected T ExpectMsg<T>(TimeSpan? max = null) => Probe.ExpectMsg<T>(max);

    /// <summary>See <see cref="TestProbe.ExpectMsg{T}(Func{T, bool}, TimeSpan?, string?)"/>.</summary>
    protected T ExpectMsg<T>(Func<T, bool> predicate, TimeSpan? max = null, string? hint = null) => Probe.ExpectMsg(predicate, max, hint);

    /// <summary>See <see cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/>.</summary>
    protected T ExpectMsg<T>(T expected, TimeSpan? max = null)
        where T : notnull => Probe.ExpectMsg(expected, max);

    /// <summary>See <see cref="TestProbe.ExpectNoMsg"/>.</summary>
    protected void ExpectNoMsg(TimeSpan duration) => Probe.ExpectNoMsg(duration);

    /// <summary>See <see cref="TestProbe.ReceiveN"/>.</summary>
    protected IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null) => Probe.ReceiveN(count, max);

    /// <summary>See <see cref="TestProbe.FishForMessage(Func{object, bool}, TimeSpan?, string?)"/>.</summary>
    protected object FishForMessage(Func<object, bool> predicate, TimeSpan? max = null) => Probe.FishForMessage(predicate, max);

    /// <summary>See <see cref="TestProbe.Within(TimeSpan, TimeSpan, Action)"/>.</summary>
    protected void Within(TimeSpan min, TimeSpan max, Action action) => Probe.Within(min, max, action);

    /// <summary>See <see cref="TestProbe.Within(TimeSpan, Action)"/>.</summary>
    protected void Within(TimeSpan max, Action action) => Probe.Within(max, action);

    /// <summary>See <see cref="TestProbe.AwaitAssert"/>.</summary>
    protected void AwaitAssert(Action assertion, TimeSpan? max = null, TimeSpan? interval = null) => Probe.AwaitAssert(assertion, max, interval);

    /// <summary>See <see cref="TestProbe.AwaitCondition"/>.</summary>
    protected void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null) => Probe.AwaitCondition(condition, max, null, message);

    /// <summary>See <see cref="TestProbe.Watch"/>.</summary>
    protected IActorRef Watch(IActorRef actor) => Probe.Watch(actor);

    /// <summary>See <see cref="TestProbe.ExpectTerminated"/>.</summary>
    protected Terminated ExpectTerminated(IActorRef actor, TimeSpan? max = null) => Probe.ExpectTerminated(actor, max);
}
