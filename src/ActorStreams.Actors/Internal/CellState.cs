namespace ActorStreams.Actors.Internal;

/// <summary>
/// The rarely used part of a cell (death watch, behaviour stack, timers, stash, restart bookkeeping),
/// allocated on first use so that an idle actor stays small. Owner's thread only.
/// </summary>
internal sealed class CellState
{
    public HashSet<IActorRef>? Watching;
    public HashSet<IActorRef>? WatchedBy;
    public HashSet<IActorRef>? TerminatedQueued;
    public Stack<Action<object>?>? BehaviorStack;
    public TimerScheduler? Timers;
    public StashImpl? Stash;
    public object? FailedMessage;
    public Exception? PendingRecreateCause;
    public SupervisorStrategy? ChildStrategy;
    public Actor? ChildStrategyOwner;
    public ActorCell? EscalatedFrom;
}
