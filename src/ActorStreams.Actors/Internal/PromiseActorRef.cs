namespace ActorStreams.Actors.Internal;

/// <summary>
/// The temporary reply address of one <c>Ask</c>: the first reply completes the task (a <see cref="Status.Failure"/>
/// faults it), a timer on the system's clock faults it with <see cref="AskTimeoutException"/>.
/// </summary>
internal sealed class PromiseActorRef<T> : InternalActorRef
{
    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorPath _path;
    private ITimer? _timer;
    private CancellationTokenRegistration _registration;

    public PromiseActorRef(ActorPath path) => _path = path;

    public Task<T> Task => _promise.Task;

    public override ActorPath Path => _path;

    public override bool IsTerminated => _promise.Task.IsCompleted;

    public void Start(IActorRef target, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static s => ((PromiseActorRef<T>)s!).Cancel(), this);
        }

        if (timeout != Timeout.InfiniteTimeSpan)
        {
            using (ExecutionContext.SuppressFlow())
            {
                _timer = time.CreateTimer(
                    static s =>
                    {
                        var (self, target, timeout) = ((PromiseActorRef<T>, IActorRef, TimeSpan))s!;
                        self.Complete(static (p, e) => p.TrySetException(e), new AskTimeoutException(
                            $"Ask of {target.Path} timed out after {timeout.TotalMilliseconds:0} ms"));
                    },
                    (this, target, timeout),
                    timeout,
                    Timeout.InfiniteTimeSpan);
            }
        }

        if (_promise.Task.IsCompleted)
        {
            Cleanup();
        }
    }

    public override void Tell(object message, IActorRef? sender = null)
    {
        switch (message)
        {
            case T value:
                Complete(static (p, v) => p.TrySetResult(v), value);
                break;
            case Status.Failure failure:
                Complete(static (p, e) => p.TrySetException(e), failure.Cause);
                break;
            case Status.Success { Value: T value }:
                Complete(static (p, v) => p.TrySetResult(v), value);
                break;
            default:
                Complete(static (p, e) => p.TrySetException(e), new InvalidCastException(
                    $"Ask expected a reply of type {typeof(T).Name}, got {message.GetType().Name}: {message}"));
                break;
        }
    }

    public override void SendSystemMessage(SystemMessage message) => HandleAsDead(message);

    private void Cancel() => Complete(static (p, _) => p.TrySetCanceled(), 0);

    private void Complete<TArg>(Func<TaskCompletionSource<T>, TArg, bool> complete, TArg arg)
    {
        if (complete(_promise, arg))
        {
            Cleanup();
        }
    }

    private void Cleanup()
    {
        _timer?.Dispose();
        _registration.Dispose();
    }
}
