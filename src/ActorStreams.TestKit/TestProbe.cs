using System.Diagnostics;
using System.Globalization;
using ActorStreams.Actors;
using ActorStreams.Actors.Internal;
using Xunit;

namespace ActorStreams.TestKit;

/// <summary>
/// An actor reference backed by a queue, with blocking expectations in the style of Akka's TestKit.
/// Every wait has a timeout: an explicit one (dilated by <see cref="TestKitSettings.TimeFactor"/>), else the
/// time left in the enclosing <see cref="Within(TimeSpan, TimeSpan, Action)"/> block, else
/// <see cref="TestKitSettings.DefaultTimeout"/>. Failures throw xunit assertion exceptions. Timeouts are wall-clock
/// time, independent of the actor system's (possibly fake) clock.
/// </summary>
public sealed class TestProbe
{
    private readonly Lock _gate = new();
    private readonly Queue<(object Message, IActorRef? Sender)> _queue = new();
    private readonly FunctionRef _ref;
    private TaskCompletionSource? _signal;
    private long? _withinDeadline;

    /// <summary>Creates a probe in <paramref name="system"/>.</summary>
    public TestProbe(ActorSystem system, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        _ref = system.CreateFunctionRef(name ?? "testProbe-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture), Enqueue);
    }

    private static long _counter;

    /// <summary>The system the probe lives in.</summary>
    public ActorSystem System { get; }

    /// <summary>The probe's reference: messages told to it are queued for the expectations.</summary>
    public IActorRef Ref => _ref;

    /// <summary>The sender of the last received message (dead letters if it had none); null before any.</summary>
    public IActorRef? LastSender { get; private set; }

    /// <summary>The last received message; null before any.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>Messages queued and not yet received.</summary>
    public int MessageCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Time left in the innermost <c>Within</c> block; throws outside one.</summary>
    public TimeSpan Remaining => _withinDeadline is { } deadline
        ? Max(TimeSpan.Zero, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline))
        : throw new InvalidOperationException("Remaining is only defined inside Within");

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Tells <paramref name="message"/> to the sender of the last received message.</summary>
    public void Reply(object message)
    {
        var sender = LastSender ?? throw new InvalidOperationException("Reply needs a received message");
        sender.Tell(message, Ref);
    }

    /// <summary>Tells the last received message (or <paramref name="message"/>) to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target, object? message = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var payload = message ?? LastMessage ?? throw new InvalidOperationException("Forward needs a received message");
        target.Tell(payload, LastSender);
    }

    /// <summary>Watches <paramref name="actor"/>: the probe receives <see cref="Terminated"/> when it stops.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        _ref.Watch(actor);
        return actor;
    }

    /// <summary>Stops watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor)
    {
        _ref.Unwatch(actor);
        return actor;
    }

    /// <summary>Receives the next message and asserts it is a <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? max = null)
    {
        var timeout = RemainingOrDilated(max);
        var (message, _) = ReceiveOrFail(timeout, $"a message of type {typeof(T).Name}");
        return message is T typed
            ? typed
            : Fail<T>($"expected a message of type {typeof(T).Name}, got {Describe(message)}");
    }

    /// <summary>Receives the next message and asserts it is a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Func<T, bool> predicate, TimeSpan? max = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var typed = ExpectMsg<T>(max);
        return predicate(typed)
            ? typed
            : Fail<T>($"message {Describe(typed)} did not match the predicate{(hint is null ? string.Empty : " (" + hint + ")")}");
    }

    /// <summary>Receives the next message and asserts it equals <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? max = null)
        where T : notnull
    {
        var timeout = RemainingOrDilated(max);
        var (message, _) = ReceiveOrFail(timeout, $"message {Describe(expected)}");
        return message is T typed && EqualityComparer<T>.Default.Equals(typed, expected)
            ? typed
            : Fail<T>($"expected message {Describe(expected)}, got {Describe(message)}");
    }

    /// <summary>Asserts that no message arrives within <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var timeout = RemainingOrDilated(duration);
        if (TryReceive(timeout, out var received))
        {
            Fail<object>($"expected no message within {timeout.TotalMilliseconds:0} ms, got {Describe(received.Message)}");
        }
    }

    /// <summary>Receives <paramref name="count"/> messages within <paramref name="max"/> in total.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var deadline = Deadline(RemainingOrDilated(max));
        var messages = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            if (!TryReceive(Left(deadline), out var received))
            {
                Fail<object>($"timeout while waiting for message {i + 1} of {count}; received {i}: [{string.Join(", ", messages.Select(Describe))}]");
            }

            messages.Add(received.Message);
        }

        return messages;
    }

    /// <summary>Receives messages until one matches <paramref name="predicate"/> (the others are dropped) and returns it.</summary>
    public object FishForMessage(Func<object, bool> predicate, TimeSpan? max = null, string? hint = null) =>
        FishForMessage<object>(predicate, max, hint);

    /// <summary>Receives messages until a <typeparamref name="T"/> matches <paramref name="predicate"/> (the others are dropped).</summary>
    public T FishForMessage<T>(Func<T, bool> predicate, TimeSpan? max = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var timeout = RemainingOrDilated(max);
        var deadline = Deadline(timeout);
        var skipped = new List<object>();
        while (TryReceive(Left(deadline), out var received))
        {
            if (received.Message is T typed && predicate(typed))
            {
                return typed;
            }

            skipped.Add(received.Message);
        }

        return Fail<T>($"timeout ({timeout.TotalMilliseconds:0} ms) while fishing for a {typeof(T).Name} matching the predicate{(hint is null ? string.Empty : " (" + hint + ")")}; " +
            $"skipped [{string.Join(", ", skipped.Select(Describe))}]");
    }

    /// <summary>Receives a <see cref="Terminated"/> for <paramref name="actor"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, actor), max, $"Terminated of {actor.Path}");
    }

    /// <summary>Runs <paramref name="action"/>, asserting it takes at most <paramref name="max"/> (dilated).</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>
    /// Runs <paramref name="action"/>, asserting it takes between <paramref name="min"/> and <paramref name="max"/>
    /// (dilated); expectations inside default to the time left. Nested blocks cannot extend the outer one.
    /// </summary>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _ = Within(min, max, () =>
        {
            action();
            return true;
        });
    }

    /// <summary>Like <see cref="Within(TimeSpan, TimeSpan, Action)"/>, returning the function's result.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var (start, limit, previous) = EnterWithin(max);
        T result;
        try
        {
            result = function();
        }
        finally
        {
            _withinDeadline = previous;
        }

        CheckWithin(start, min, limit);
        return result;
    }

    /// <summary>The asynchronous form of <see cref="Within(TimeSpan, TimeSpan, Action)"/>.</summary>
    public async Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (start, limit, previous) = EnterWithin(max);
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            _withinDeadline = previous;
        }

        CheckWithin(start, min, limit);
    }

    /// <summary>Runs <paramref name="assertion"/> until it stops throwing, rethrowing its last failure after <paramref name="max"/>.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? max = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var deadline = Deadline(RemainingOrDilated(max));
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Left(deadline) > TimeSpan.Zero)
            {
                Thread.Sleep(Min(pause, Left(deadline)));
            }
        }
    }

    /// <summary>The asynchronous form of <see cref="AwaitAssert"/>.</summary>
    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? max = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var deadline = Deadline(RemainingOrDilated(max));
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (Left(deadline) > TimeSpan.Zero)
            {
                await Task.Delay(Min(pause, Left(deadline))).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it is true; fails after <paramref name="max"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var timeout = RemainingOrDilated(max);
        var deadline = Deadline(timeout);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (!condition())
        {
            var left = Left(deadline);
            if (left <= TimeSpan.Zero)
            {
                Fail<object>($"timeout ({timeout.TotalMilliseconds:0} ms) while awaiting condition{(message is null ? string.Empty : " (" + message + ")")}");
            }

            Thread.Sleep(Min(pause, left));
        }
    }

    /// <summary>The asynchronous form of <see cref="ExpectMsg{T}(TimeSpan?)"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? max = null)
    {
        var timeout = RemainingOrDilated(max);
        var received = await ReceiveAsync(timeout).ConfigureAwait(false);
        if (received is not { } r)
        {
            return Fail<T>($"timeout ({timeout.TotalMilliseconds:0} ms) while waiting for a message of type {typeof(T).Name}");
        }

        return r.Message is T typed ? typed : Fail<T>($"expected a message of type {typeof(T).Name}, got {Describe(r.Message)}");
    }

    /// <summary>The asynchronous form of <see cref="ExpectNoMsg"/>.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan duration)
    {
        var timeout = RemainingOrDilated(duration);
        if (await ReceiveAsync(timeout).ConfigureAwait(false) is { } r)
        {
            Fail<object>($"expected no message within {timeout.TotalMilliseconds:0} ms, got {Describe(r.Message)}");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static long Deadline(TimeSpan timeout) => Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    private static TimeSpan Left(long deadline) => Max(TimeSpan.Zero, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline));

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} {message}";

    private static T Fail<T>(string message)
    {
        Assert.Fail(message);
        return default!;
    }

    private (long Start, TimeSpan Limit, long? Previous) EnterWithin(TimeSpan max)
    {
        var start = Stopwatch.GetTimestamp();
        var previous = _withinDeadline;
        var limit = TestKitSettings.Dilated(max);
        if (previous is { } outer)
        {
            limit = Min(limit, Left(outer));
        }

        _withinDeadline = start + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        return (start, limit, previous);
    }

    private static void CheckWithin(long start, TimeSpan min, TimeSpan limit)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (elapsed < min)
        {
            Fail<object>($"block took {elapsed.TotalMilliseconds:0} ms, should at least have been {min.TotalMilliseconds:0} ms");
        }

        if (elapsed > limit)
        {
            Fail<object>($"block took {elapsed.TotalMilliseconds:0} ms, exceeding {limit.TotalMilliseconds:0} ms");
        }
    }

    private TimeSpan RemainingOrDilated(TimeSpan? max)
    {
        var inside = _withinDeadline is { } deadline ? Left(deadline) : (TimeSpan?)null;
        if (max is { } explicitMax)
        {
            var dilated = TestKitSettings.Dilated(explicitMax);
            return inside is { } left ? Min(dilated, left) : dilated;
        }

        return inside ?? TestKitSettings.DefaultTimeout;
    }

    private (object Message, IActorRef? Sender) ReceiveOrFail(TimeSpan timeout, string waitingFor)
    {
        if (!TryReceive(timeout, out var received))
        {
            Fail<object>($"timeout ({timeout.TotalMilliseconds:0} ms) while waiting for {waitingFor}");
        }

        return received;
    }

    private void Enqueue(object message, IActorRef? sender)
    {
        TaskCompletionSource? signal;
        lock (_gate)
        {
            _queue.Enqueue((message, sender));
            signal = _signal;
            _signal = null;
        }

        signal?.TrySetResult();
    }

    private bool TryReceive(TimeSpan timeout, out (object Message, IActorRef? Sender) received)
    {
        var deadline = Deadline(timeout);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_queue.TryDequeue(out received))
                {
                    Record(received);
                    return true;
                }

                var left = Left(deadline);
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                wait = (_signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            wait.Wait(Left(deadline));
        }
    }

    private async Task<(object Message, IActorRef? Sender)?> ReceiveAsync(TimeSpan timeout)
    {
        var deadline = Deadline(timeout);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_queue.TryDequeue(out var received))
                {
                    Record(received);
                    return received;
                }

                if (Left(deadline) <= TimeSpan.Zero)
                {
                    return null;
                }

                wait = (_signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await Task.WhenAny(wait, Task.Delay(Left(deadline))).ConfigureAwait(false);
        }
    }

    private void Record((object Message, IActorRef? Sender) received)
    {
        LastMessage = received.Message;
        LastSender = received.Sender ?? System.DeadLetters;
    }
}
