namespace ActorStreams.Actors;

/// <summary>Delayed and periodic message sends, driven only by the system's <see cref="TimeProvider"/>.</summary>
public interface IScheduler
{
    /// <summary>The clock the scheduler runs on.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> once after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null);

    /// <summary>Tells <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> on a thread-pool thread.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
