using Microsoft.Extensions.Logging;

namespace ActorStreams.Actors.Internal;

/// <summary>System messages: creation, restart, termination, supervision and death watch.</summary>
internal sealed partial class ActorCell
{
    [ThreadStatic]
    private static ActorCell? _constructing;

    /// <summary>The cell whose actor is being constructed on this thread; consumed by the <see cref="Actor"/> constructor.</summary>
    internal static ActorCell? TakeConstructing()
    {
        var cell = _constructing;
        _constructing = null;
        return cell;
    }

    private ILogger Logger => _system.Logger;

    private CellState State => _state ??= new CellState();

    private void ProcessSystemMessages()
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemMessages);
            if (head is null || ReferenceEquals(head, MailboxClosed.Instance))
            {
                return;
            }

            if (!ReferenceEquals(Interlocked.CompareExchange(ref _systemMessages, null, head), head))
            {
                continue;
            }

            // The stack is LIFO; reverse it to process in send order.
            SystemMessage? ordered = null;
            while (head is not null)
            {
                var next = head.Next;
                head.Next = ordered;
                ordered = head;
                head = next;
            }

            while (ordered is not null)
            {
                var message = ordered;
                ordered = message.Next;
                message.Next = null;
                if (_status == StatusClosed)
                {
                    HandleAsDead(message);
                    continue;
                }

                try
                {
                    Handle(message);
                }
                catch (Exception ex)
                {
                    Log.SystemMessageFailed(Logger, ex, message.GetType().Name, Path);
                }
            }
        }
    }

    private void Handle(SystemMessage message)
    {
        switch (message)
        {
            case CreateActor:
                HandleCreate();
                break;
            case RecreateActor recreate:
                HandleRecreate(recreate.Cause);
                break;
            case SuspendActor:
                _blocked |= BlockedSuspended;
                break;
            case ResumeActor:
                HandleResume();
                break;
            case TerminateActor:
                BeginTerminate();
                break;
            case ChildFailed failed:
                HandleChildFailed(failed.Child, failed.Cause);
                break;
            case WatchActor watch:
                if (ReferenceEquals(watch.Watchee, this) && !ReferenceEquals(watch.Watcher, this))
                {
                    (State.WatchedBy ??= []).Add(watch.Watcher);
                }

                break;
            case UnwatchActor unwatch:
                _state?.WatchedBy?.Remove(unwatch.Watcher);
                break;
            case DeathWatchNotification notification:
                HandleDeathWatchNotification(notification.Actor);
                break;
        }
    }

    private Actor NewActor()
    {
        var previous = _constructing;
        _constructing = this;
        try
        {
            var actor = _props.NewActor();
            if (!ReferenceEquals(actor.Cell, this))
            {
                throw new ActorRuntimeException($"the props factory of {Path} must create a new actor instance on every call");
            }

            return actor;
        }
        finally
        {
            _constructing = previous;
        }
    }

    private void HandleCreate()
    {
        if ((_blocked & BlockedTerminating) != 0)
        {
            return;
        }

        try
        {
            _actor = NewActor();
            _actor.InvokePreStart();
        }
        catch (Exception ex)
        {
            _actor = null;
            FailInitialization(ex);
            return;
        }

        _blocked &= ~BlockedNotCreated;
    }

    private void FailInitialization(Exception ex)
    {
        var cause = ex as ActorInitializationException
            ?? new ActorInitializationException(this, $"{Path} failed to initialise: {ex.Message}", ex);
        HandleInvokeFailure(cause);
    }

    /// <summary>This actor failed: suspend it and hand the failure to the parent.</summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if ((_blocked & BlockedTerminating) != 0)
        {
            Log.FailedWhileStopping(Logger, cause, Path);
            return;
        }

        _blocked |= BlockedSuspended;
        State.FailedMessage = _current.Message;
        if (_parent is null)
        {
            Log.EscalatedToRoot(Logger, cause, Path);
            BeginTerminate();
            return;
        }

        _parent.SendSystemMessage(new ChildFailed(this, cause));
    }

    private void HandleResume()
    {
        if ((_blocked & BlockedTerminating) != 0)
        {
            return;
        }

        if (_actor is null)
        {
            // Nothing to resume after a failed initialisation: start afresh.
            FinishRecreate(new ActorRuntimeException($"{Path} resumed after a failed initialisation"));
            return;
        }

        _blocked &= ~BlockedSuspended;
        if (_state?.EscalatedFrom is { } child)
        {
            _state.EscalatedFrom = null;
            child.SendSystemMessage(new ResumeActor());
        }
    }

    private void HandleRecreate(Exception cause)
    {
        if ((_blocked & BlockedTerminating) != 0)
        {
            return;
        }

        if (_actor is { } failed)
        {
            try
            {
                failed.InvokePreRestart(cause, _state?.FailedMessage);
            }
            catch (Exception ex)
            {
                Log.HookFailed(Logger, ex, "PreRestart", Path);
            }
        }

        _actor = null;
        _blocked |= BlockedNotCreated;
        _behavior = null;
        if (_state is { } state)
        {
            state.BehaviorStack?.Clear();
            state.Timers?.CancelAll();
            state.Stash?.UnstashAll();
            state.EscalatedFrom = null;
        }

        if (_children?.AnyStopping == true)
        {
            // Children stopped by PreRestart must be gone before the new instance may reuse their names.
            State.PendingRecreateCause = cause;
            return;
        }

        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        if (_state is { } state)
        {
            state.PendingRecreateCause = null;
            state.FailedMessage = null;
        }

        try
        {
            _actor = NewActor();
            _actor.InvokePostRestart(cause);
        }
        catch (Exception ex)
        {
            _actor = null;
            FailInitialization(ex);
            return;
        }

        _blocked &= ~(BlockedNotCreated | BlockedSuspended);
    }

    private void BeginTerminate()
    {
        if ((_blocked & BlockedTerminating) != 0)
        {
            return;
        }

        _blocked |= BlockedTerminating;
        _state?.Timers?.CancelAll();
        var children = EnsureChildren().BeginTermination();
        if (children.Length == 0)
        {
            FinishTerminate();
            return;
        }

        foreach (var child in children)
        {
            child.SendSystemMessage(new TerminateActor());
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        _actor = null;
        if (actor is not null)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                Log.HookFailed(Logger, ex, "PostStop", Path);
            }
        }

        _behavior = null;
        Interlocked.Exchange(ref _status, StatusClosed);
        var remaining = Interlocked.Exchange(ref _systemMessages, MailboxClosed.Instance);

        var state = _state;
        if (state?.Stash is { } stash)
        {
            foreach (var envelope in stash.Drain())
            {
                _system.DeadLetter(envelope.Message, envelope.Sender, this, DeadLetterReason.RecipientTerminated);
            }
        }

        if (_prepended is { } prepended)
        {
            _prepended = null;
            foreach (var envelope in prepended)
            {
                _system.DeadLetter(envelope.Message, envelope.Sender, this, DeadLetterReason.RecipientTerminated);
            }
        }

        DrainToDeadLetters();

        _parent?.SendSystemMessage(new DeathWatchNotification(this));
        if (state?.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                if (!ReferenceEquals(watcher, _parent) && watcher is InternalActorRef target)
                {
                    target.SendSystemMessage(new DeathWatchNotification(this));
                }
            }

            watchers.Clear();
        }

        if (state?.Watching is { } watching)
        {
            foreach (var subject in watching)
            {
                if (subject is InternalActorRef target)
                {
                    target.SendSystemMessage(new UnwatchActor(target, this));
                }
            }

            watching.Clear();
        }

        for (var message = remaining; message is not null && !ReferenceEquals(message, MailboxClosed.Instance); message = message.Next)
        {
            HandleAsDead(message);
        }

        if (_parent is null)
        {
            _system.OnRootTerminated();
        }
    }

    private void HandleChildFailed(ActorCell child, Exception cause)
    {
        if ((_blocked & BlockedTerminating) != 0 || _children is null || !_children.Contains(child))
        {
            return;
        }

        var strategy = ChildStrategy();
        Directive directive;
        try
        {
            directive = strategy.Decider(cause);
        }
        catch (Exception ex)
        {
            Log.HookFailed(Logger, ex, "SupervisorStrategy.Decider", Path);
            directive = Directive.Escalate;
        }

        Log.ActorFailed(Logger, cause, child.Path, directive);
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new ResumeActor());
                break;
            case Directive.Restart:
                var statistics = _children.StatisticsFor(child);
                if (!statistics.RequestRestartPermission(strategy, _system.TimeProvider))
                {
                    Log.RestartLimitExceeded(Logger, child.Path, strategy.MaxNrOfRetries, strategy.WithinTimeRange);
                    StopChildren(strategy, child);
                    break;
                }

                var delay = strategy.Backoff.DelayFor(statistics.Count, Random.Shared.NextDouble());
                foreach (var target in Targets(strategy, child))
                {
                    Restart(target, cause, delay, suspend: !ReferenceEquals(target, child));
                }

                break;
            case Directive.Stop:
                StopChildren(strategy, child);
                break;
            default:
                State.EscalatedFrom = child;
                HandleInvokeFailure(cause);
                break;
        }
    }

    private ActorCell[] Targets(SupervisorStrategy strategy, ActorCell child) =>
        strategy.AppliesToAllChildren ? _children!.Snapshot() : [child];

    private void StopChildren(SupervisorStrategy strategy, ActorCell child)
    {
        foreach (var target in Targets(strategy, child))
        {
            _children!.MarkStopping(target);
            target.SendSystemMessage(new TerminateActor());
        }
    }

    private void Restart(ActorCell target, Exception cause, TimeSpan delay, bool suspend)
    {
        if (delay <= TimeSpan.Zero)
        {
            target.SendSystemMessage(new RecreateActor(cause));
            return;
        }

        if (suspend)
        {
            target.SendSystemMessage(new SuspendActor());
        }

        _system.Scheduler.ScheduleOnce(delay, () => target.SendSystemMessage(new RecreateActor(cause)));
    }

    private SupervisorStrategy ChildStrategy()
    {
        if (_actor is not { } actor)
        {
            return DefaultChildStrategy;
        }

        var state = State;
        if (!ReferenceEquals(state.ChildStrategyOwner, actor))
        {
            state.ChildStrategy = actor.InvokeSupervisorStrategy();
            state.ChildStrategyOwner = actor;
        }

        return state.ChildStrategy!;
    }

    internal SupervisorStrategy DefaultChildStrategy => _props.SupervisorStrategy ?? _system.DefaultSupervisorStrategy;

    private void HandleDeathWatchNotification(IActorRef actor)
    {
        if (actor is ActorCell cell && ReferenceEquals(cell._parent, this) && _children is not null && _children.Remove(cell))
        {
            HandleChildTerminated();
        }

        var state = _state;
        if (state?.Watching?.Remove(actor) == true && (_blocked & BlockedTerminating) == 0)
        {
            (state.TerminatedQueued ??= []).Add(actor);
            EnqueueToSelf(new Terminated(actor), actor);
        }
    }

    private void HandleChildTerminated()
    {
        if ((_blocked & BlockedTerminating) != 0)
        {
            if (_children!.IsEmpty)
            {
                FinishTerminate();
            }

            return;
        }

        if (_state?.PendingRecreateCause is { } cause && !_children!.AnyStopping)
        {
            FinishRecreate(cause);
        }

        if (_parent is null)
        {
            // The root: a guardian stopped, so the system terminates.
            BeginTerminate();
        }
    }
}
