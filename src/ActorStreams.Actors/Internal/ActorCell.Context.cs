namespace ActorStreams.Actors.Internal;

/// <summary>The <see cref="IActorContext"/> an actor sees; owner's thread only.</summary>
internal sealed partial class ActorCell
{
    public IActorRef Self => this;

    public IActorRef Sender => _current.Sender ?? _system.DeadLetters;

    public ActorSystem System => _system;

    public Props Props => _props;

    public IReadOnlyCollection<IActorRef> Children => _children?.Snapshot() ?? [];

    internal Actor? Actor => _actor;

    internal ITimerScheduler Timers => State.Timers ??= new TimerScheduler(this);

    internal IStash Stash => State.Stash ??= new StashImpl(this);

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        var children = EnsureChildren();
        return CreateChild(props, name is null ? children.NextAutoName() : ValidateName(name));
    }

    /// <summary>Creates a child without validating the name (guardians use reserved names).</summary>
    internal ActorCell CreateChild(Props props, string name)
    {
        var child = new ActorCell(_system, props, this, name);
        if (!EnsureChildren().TryAdd(child))
        {
            throw new InvalidOperationException($"cannot create child [{name}]: {Path} is stopping");
        }

        child.SendSystemMessage(new CreateActor());
        return child;
    }

    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _children?.Get(name);
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell)
        {
            if (ReferenceEquals(cell._parent, this))
            {
                _children?.MarkStopping(cell);
            }

            cell.SendSystemMessage(new TerminateActor());
        }
        else if (actor is InternalActorRef other)
        {
            other.SendSystemMessage(new TerminateActor());
        }
    }

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (ReferenceEquals(subject, this))
        {
            return subject;
        }

        if (subject is not InternalActorRef target)
        {
            throw new ArgumentException($"cannot watch {subject}: not a runtime reference", nameof(subject));
        }

        if ((State.Watching ??= []).Add(subject))
        {
            target.SendSystemMessage(new WatchActor(target, this));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_state is { } state)
        {
            state.TerminatedQueued?.Remove(subject);
            if (state.Watching?.Remove(subject) == true && subject is InternalActorRef target)
            {
                target.SendSystemMessage(new UnwatchActor(target, this));
            }
        }

        return subject;
    }

    public void Become(Action<object> receive, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (!discardOld)
        {
            (State.BehaviorStack ??= new Stack<Action<object>?>()).Push(_behavior);
        }

        _behavior = receive;
    }

    public void Unbecome()
    {
        var stack = _state?.BehaviorStack;
        _behavior = stack is { Count: > 0 } ? stack.Pop() : null;
    }

    internal void PublishUnhandled(object message) => _system.PublishUnhandled(message, _current.Sender, this);

    private ChildrenContainer EnsureChildren()
    {
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            children = new ChildrenContainer();
            children = Interlocked.CompareExchange(ref _children, children, null) ?? children;
        }

        return children;
    }

    private static string ValidateName(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidActorNameException("actor name must not be empty");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"actor name [{name}] must not start with '$' (reserved for generated names)");
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "-_.*+:@&=,!~';".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                throw new InvalidActorNameException($"actor name [{name}] contains the invalid character '{c}'");
            }
        }

        return name;
    }
}
