using ActorStreams.Actors.Internal;

namespace ActorStreams.Actors;

/// <summary>Request/response, graceful stop and non-throwing sends on <see cref="IActorRef"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply address and completes with the first reply:
    /// a <typeparamref name="T"/> (or <see cref="Status.Success"/> carrying one) is the result, a
    /// <see cref="Status.Failure"/> faults the task with its cause, no reply within <paramref name="timeout"/>
    /// faults it with <see cref="AskTimeoutException"/> (measured on the system's clock).
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "must be positive or infinite");
        }

        var system = (target as ActorCell)?.ActorSystem;
        var promise = new PromiseActorRef<T>(system?.NewTempPath() ?? ActorPath.Root("temp").Child("ask"));
        promise.Start(target, timeout, system?.TimeProvider ?? TimeProvider.System, cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary><see cref="Ask{T}(IActorRef, object, TimeSpan, CancellationToken)"/> with the system's <c>ask-timeout</c>.</summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var timeout = ((target as ActorCell)?.ActorSystem.Settings ?? ActorSystemSettings.Default).AskTimeout;
        return target.Ask<T>(message, timeout, cancellationToken);
    }

    /// <summary>
    /// Sends <see cref="PoisonPill"/> (after the messages already queued) and completes with true once the actor
    /// and its children have stopped, or false if that takes longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is not ActorCell cell)
        {
            throw new ArgumentException($"cannot stop {target}: not an actor of an actor system", nameof(target));
        }

        var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = cell.ActorSystem.CreateFunctionRef("gracefulStop" + cell.ActorSystem.NewTempPath().Name, (message, _) =>
        {
            if (message is Terminated)
            {
                stopped.TrySetResult(true);
            }
        });
        watcher.Watch(target);
        target.Tell(PoisonPill.Instance);
        try
        {
            return await stopped.Task.WaitAsync(timeout, cell.ActorSystem.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            watcher.Unwatch(target);
            return false;
        }
    }

    /// <summary>
    /// Enqueues unless the recipient's bounded mailbox is full or it has stopped; then returns false and the
    /// message is not dead-lettered (the caller still owns it). Other references always accept.
    /// </summary>
    public static bool TryTell(this IActorRef target, object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is ActorCell cell)
        {
            return cell.TryTell(message, sender);
        }

        target.Tell(message, sender);
        return true;
    }
}
