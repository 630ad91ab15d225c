namespace ActorStreams.Actors.Internal;

/// <summary>The system scheduler: one <see cref="ITimer"/> of the injected <see cref="TimeProvider"/> per scheduled item.</summary>
internal sealed class TimeProviderScheduler(ActorSystem system) : IScheduler
{
    public TimeProvider TimeProvider { get; } = system.TimeProvider;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return new Scheduled(this, receiver, message, sender, null, CheckDelay(delay), Timeout.InfiniteTimeSpan);
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new Scheduled(this, receiver, message, sender, null, CheckDelay(initialDelay), interval);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new Scheduled(this, null, null, null, action, CheckDelay(delay), Timeout.InfiniteTimeSpan);
    }

    private static TimeSpan CheckDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return delay;
    }

    private sealed class Scheduled : ICancelable
    {
        private readonly TimeProviderScheduler _owner;
        private readonly IActorRef? _receiver;
        private readonly object? _message;
        private readonly IActorRef? _sender;
        private readonly Action? _action;
        private readonly bool _repeated;
        private readonly ITimer _timer;
        private volatile bool _cancelled;

        public Scheduled(TimeProviderScheduler owner, IActorRef? receiver, object? message, IActorRef? sender, Action? action, TimeSpan due, TimeSpan period)
        {
            _owner = owner;
            _receiver = receiver;
            _message = message;
            _sender = sender;
            _action = action;
            _repeated = period != Timeout.InfiniteTimeSpan;
            using (ExecutionContext.SuppressFlow())
            {
                _timer = owner.TimeProvider.CreateTimer(static s => ((Scheduled)s!).Fire(), this, due, period);
            }
        }

        public bool IsCancellationRequested => _cancelled;

        public void Cancel()
        {
            _cancelled = true;
            _timer.Dispose();
        }

        private void Fire()
        {
            if (_cancelled)
            {
                return;
            }

            if (_owner._system.IsTerminated)
            {
                Cancel();
                return;
            }

            if (!_repeated)
            {
                _cancelled = true;
                _timer.Dispose();
            }

            if (_action is not null)
            {
                _action();
            }
            else
            {
                _receiver!.Tell(_message!, _sender);
            }
        }
    }

    private readonly ActorSystem _system = system;
}
