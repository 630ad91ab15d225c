namespace ActorStreams.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in its constructor with
/// <see cref="Receive{T}(Action{T}, Predicate{T}?)"/>; the first matching handler wins, unmatched messages go to
/// <see cref="Actor.Unhandled"/>. Matching is a linear scan of type tests: no dictionary, no allocation.
/// </summary>
public abstract class ReceiveActor : Actor
{
    private Handler[] _handlers = [];
    private List<Handler>? _building;

    /// <summary>Handles messages of type <typeparamref name="T"/> (that satisfy <paramref name="shouldHandle"/>, if given).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new TypedHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="handler"/> returns true.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new FuncHandler<T>(handler));
    }

    /// <summary>Handles every message not matched by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <summary>Replaces the handlers with those registered by <paramref name="configure"/>.</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Context.Become(Build(configure));
    }

    /// <summary>Pushes the handlers registered by <paramref name="configure"/>; <see cref="UnbecomeStacked"/> returns to the previous ones.</summary>
    protected void BecomeStacked(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Context.Become(Build(configure), discardOld: false);
    }

    /// <summary>Returns to the handlers before the last <see cref="BecomeStacked"/>.</summary>
    protected void UnbecomeStacked() => Context.Unbecome();

    /// <inheritdoc />
    protected sealed override void Receive(object message)
    {
        if (!Dispatch(_handlers, message))
        {
            Unhandled(message);
        }
    }

    private bool Dispatch(Handler[] handlers, object message)
    {
        foreach (var handler in handlers)
        {
            if (handler.TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }

    private Action<object> Build(Action configure)
    {
        var previous = _building;
        _building = [];
        try
        {
            configure();
            Handler[] handlers = [.. _building];
            return message =>
            {
                if (!Dispatch(handlers, message))
                {
                    Unhandled(message);
                }
            };
        }
        finally
        {
            _building = previous;
        }
    }

    private void Add(Handler handler)
    {
        if (_building is { } building)
        {
            building.Add(handler);
        }
        else
        {
            _handlers = [.. _handlers, handler];
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class TypedHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : Handler
    {
        public override bool TryHandle(object message) => message is T typed && handler(typed);
    }
}
