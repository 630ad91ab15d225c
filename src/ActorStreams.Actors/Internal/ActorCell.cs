using System.Diagnostics.CodeAnalysis;

namespace ActorStreams.Actors.Internal;

/// <summary>
/// One actor: its reference, its mailbox (an embedded MPSC queue plus a lock-free system-message stack) and
/// its thread-pool work item, merged into one object so that a Tell touches one object and allocates nothing.
/// A status word (idle / scheduled / closed) guarantees the cell is queued on the thread pool at most once;
/// a turn processes system messages first, then up to <c>throughput</c> user messages, system messages again
/// after each of them, and re-checks for work after going idle so that no wake-up is lost.
/// </summary>
internal sealed partial class ActorCell : InternalActorRef, IActorContext, IThreadPoolWorkItem
{
    private const int StatusIdle = 0;
    private const int StatusScheduled = 1;
    private const int StatusClosed = 2;

    // Reasons not to process user messages; owner's thread only.
    private const int BlockedNotCreated = 1;
    private const int BlockedSuspended = 2;
    private const int BlockedTerminating = 4;

    // Consecutive turns run through the hand-off slot before yielding to the thread pool (fairness).
    private const int MaxHandoffs = 16;

    [ThreadStatic]
    private static bool _onDispatcherThread;

    [ThreadStatic]
    private static ActorCell? _handoff;

    private readonly ActorSystem _system;
    private readonly ActorCell? _parent;
    private readonly string _name;
    private readonly Props _props;
    private readonly int _capacity; // 0 = unbounded
    private int _status;
    private int _count; // bounded mailboxes only
    private int _blocked = BlockedNotCreated;
    private MessageQueue _queue;
    private SystemMessage? _systemMessages;
    private Actor? _actor;
    private Envelope _current;
    private Action<object>? _behavior;
    private ChildrenContainer? _children;
    private ActorPath? _path;
    private CellState? _state;
    private Queue<Envelope>? _prepended;

    public ActorCell(ActorSystem system, Props props, ActorCell? parent, string name)
    {
        _system = system;
        _props = props;
        _parent = parent;
        _name = name;
        if ((props.MailboxKind ?? system.Settings.DefaultMailboxKind) == MailboxKind.Bounded)
        {
            _capacity = props.MailboxCapacity ?? system.Settings.DefaultMailboxCapacity;
        }
    }

    public string Name => _name;

    public IActorRef Parent => _parent ?? (IActorRef)this;

    public override ActorPath Path => _path ??= _parent is null ? _system.RootPath : _parent.Path.Child(_name);

    public override bool IsTerminated => Volatile.Read(ref _status) == StatusClosed;

    internal ActorSystem ActorSystem => _system;

    internal Envelope? CurrentEnvelope => _current.Message is null ? null : _current;

    /// <summary>The hot path: enqueue, then schedule the cell if it was idle.</summary>
    public override void Tell(object message, IActorRef? sender = null)
    {
        if (message is null)
        {
            ThrowNullMessage();
        }

        if (_capacity != 0 && !TryReserveCapacity())
        {
            _system.DeadLetter(message, sender, this, DeadLetterReason.MailboxFull);
            return;
        }

        _queue.Enqueue(message, sender);
        AfterEnqueue();
    }

    /// <summary>Like <see cref="Tell"/>, but returns false instead of dead-lettering when the bounded mailbox is full or the actor has stopped.</summary>
    public bool TryTell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Volatile.Read(ref _status) == StatusClosed || (_capacity != 0 && !TryReserveCapacity()))
        {
            return false;
        }

        _queue.Enqueue(message, sender);
        AfterEnqueue();
        return true;
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemMessages);
            if (ReferenceEquals(head, MailboxClosed.Instance))
            {
                HandleAsDead(message);
                return;
            }

            message.Next = head;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _systemMessages, message, head), head))
            {
                break;
            }
        }

        TrySchedule();
    }

    /// <summary>
    /// Runs this cell's turn, then the cells it woke through the hand-off slot, at most
    /// <see cref="MaxHandoffs"/> in a row before the next one goes to the thread pool's global queue.
    /// </summary>
    void IThreadPoolWorkItem.Execute()
    {
        _onDispatcherThread = true;
        try
        {
            var cell = this;
            for (var handoffs = 0; ; handoffs++)
            {
                cell.RunTurn();
                var next = _handoff;
                if (next is null)
                {
                    break;
                }

                _handoff = null;
                if (handoffs == MaxHandoffs)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(next, preferLocal: false);
                    break;
                }

                cell = next;
            }
        }
        finally
        {
            _onDispatcherThread = false;
            if (_handoff is { } pending)
            {
                _handoff = null;
                ThreadPool.UnsafeQueueUserWorkItem(pending, preferLocal: false);
            }
        }
    }

    private void RunTurn()
    {
        if (Volatile.Read(ref _systemMessages) is not null)
        {
            ProcessSystemMessages();
        }

        var left = _system.Throughput;
        while (_blocked == 0)
        {
            Envelope envelope;
            if (_prepended is { } prepended)
            {
                envelope = prepended.Dequeue();
                if (prepended.Count == 0)
                {
                    _prepended = null;
                }
            }
            else if (!_queue.TryDequeue(out envelope))
            {
                break;
            }
            else if (_capacity != 0)
            {
                Interlocked.Decrement(ref _count);
            }

            Invoke(envelope);
            if (Volatile.Read(ref _systemMessages) is not null)
            {
                ProcessSystemMessages();
            }

            if (--left == 0)
            {
                if (HasWork())
                {
                    // Throughput used up: go to the back of the global queue so other actors get a turn.
                    _current = default;
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                    return;
                }

                break;
            }
        }

        _current = default;
        if (_status == StatusClosed)
        {
            return;
        }

        // The full fence of the exchange pairs with the producers' reservation CAS: either they see idle and
        // schedule us, or we see their reservation here.
        Interlocked.Exchange(ref _status, StatusIdle);
        if (HasWork())
        {
            TrySchedule();
        }
    }

    [DoesNotReturn]
    private static void ThrowNullMessage() => throw new ArgumentNullException("message");

    private bool TryReserveCapacity()
    {
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    private void AfterEnqueue()
    {
        var status = Volatile.Read(ref _status);
        if (status == StatusIdle)
        {
            if (Interlocked.CompareExchange(ref _status, StatusScheduled, StatusIdle) == StatusIdle)
            {
                Dispatch();
            }
        }
        else if (status == StatusClosed)
        {
            DrainToDeadLetters();
        }
    }

    /// <summary>Enqueues a message to self that must not be lost to a full bounded mailbox.</summary>
    private void EnqueueToSelf(object message, IActorRef? sender)
    {
        if (_capacity != 0)
        {
            Interlocked.Increment(ref _count);
        }

        _queue.Enqueue(message, sender);
        AfterEnqueue();
    }

    private void TrySchedule()
    {
        if (Volatile.Read(ref _status) == StatusIdle
            && Interlocked.CompareExchange(ref _status, StatusScheduled, StatusIdle) == StatusIdle)
        {
            Dispatch();
        }
    }

    /// <summary>
    /// Queues this (just scheduled) cell. Woken by an actor running on this thread, it takes the thread's empty
    /// hand-off slot and runs right after the current turn: the partner of a request/response exchange then
    /// runs on the same core without a thread-pool round trip. Otherwise it goes to the local work queue.
    /// </summary>
    private void Dispatch()
    {
        if (_onDispatcherThread && _handoff is null)
        {
            _handoff = this;
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    private bool HasWork()
    {
        var system = Volatile.Read(ref _systemMessages);
        if (system is not null && !ReferenceEquals(system, MailboxClosed.Instance))
        {
            return true;
        }

        return _blocked == 0 && (_prepended is not null || _queue.HasPending());
    }

    private void Invoke(Envelope envelope)
    {
        _current = envelope;
        var message = envelope.Message;
        try
        {
            if (message is PoisonPill or Kill or Terminated or TimerMessage)
            {
                AutoReceive(message);
            }
            else if (_behavior is { } behavior)
            {
                behavior(message);
            }
            else
            {
                _actor!.InvokeReceive(message);
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
    }

    private void ReceiveUser(object message)
    {
        if (_behavior is { } behavior)
        {
            behavior(message);
        }
        else
        {
            _actor!.InvokeReceive(message);
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case PoisonPill:
                BeginTerminate();
                break;
            case Kill:
                throw new ActorKilledException($"{Path} received Kill");
            case Terminated terminated:
                if (_state?.TerminatedQueued?.Remove(terminated.ActorRef) == true)
                {
                    ReceiveUser(terminated);
                }

                break;
            case TimerMessage timer:
                if (_state?.Timers?.Accept(timer) is { } payload)
                {
                    _current = new Envelope(payload, null);
                    ReceiveUser(payload);
                }

                break;
        }
    }

    private void DrainToDeadLetters()
    {
        lock (this)
        {
            while (_queue.TryDequeue(out var envelope))
            {
                if (envelope.Message is not TimerMessage)
                {
                    _system.DeadLetter(envelope.Message, envelope.Sender, this, DeadLetterReason.RecipientTerminated);
                }
            }
        }
    }

    /// <summary>Puts envelopes in front of the mailbox (unstash); owner's thread only.</summary>
    internal void Prepend(Envelope[] envelopes)
    {
        var queue = new Queue<Envelope>(envelopes);
        if (_prepended is { } existing)
        {
            foreach (var envelope in existing)
            {
                queue.Enqueue(envelope);
            }
        }

        _prepended = queue;
    }

    /// <summary>Queue segments allocated (for memory tests); owner's thread or quiescent only.</summary>
    internal int MailboxSegmentCount() => _queue.SegmentCount();
}
