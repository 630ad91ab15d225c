using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The address entities reply to: a temporary actor reference (resolvable like an Ask's) that queues each reply and
/// wakes its stage once per batch. A stage actor would hand every reply to the stage as a message of its own (an async
/// input, a closure and a boxed pair each); here the stage drains all replies that arrived since its last turn in one go.
/// </summary>
internal sealed class ReplyInbox : MinimalActorRef
{
    private readonly ConcurrentQueue<(IActorRef Sender, object Message)> _replies = new();
    private readonly IActorRefProvider _provider;
    private readonly Action<bool> _wake;
    private int _wakeScheduled;

    /// <summary>Registers a temporary actor under <paramref name="provider"/>; <paramref name="wake"/> is the stage's async callback.</summary>
    public ReplyInbox(IActorRefProvider provider, Action<bool> wake)
    {
        _provider = provider;
        _wake = wake;
        Path = provider.TempPath();
        provider.RegisterTempActor(this, Path);
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <inheritdoc />
    public override IActorRefProvider Provider => _provider;

    /// <summary>Hands every queued reply to <paramref name="handle"/>, on the stage's thread.</summary>
    public void Drain(Action<IActorRef, object> handle)
    {
        Volatile.Write(ref _wakeScheduled, 0);
        while (_replies.TryDequeue(out var reply))
        {
            handle(reply.Sender, reply.Message);
        }
    }

    /// <inheritdoc />
    public override void Stop() => _provider.UnregisterTempActor(Path);

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender)
    {
        _replies.Enqueue((sender ?? ActorRefs.Nobody, message));
        if (Interlocked.Exchange(ref _wakeScheduled, 1) == 0)
        {
            _wake(true);
        }
    }
}
