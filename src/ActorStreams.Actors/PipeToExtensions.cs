namespace ActorStreams.Actors;

/// <summary>
/// Delivers the outcome of a task to an actor as a message, so actors never block on or await I/O:
/// the continuation runs on whatever thread completes the task and only does a <c>Tell</c>.
/// </summary>
public static class PipeToExtensions
{
    /// <summary>Tells <paramref name="recipient"/> <paramref name="success"/>(result) or <paramref name="failure"/>(exception).</summary>
    public static void PipeTo<T>(this Task<T> task, IActorRef recipient, Func<T, object> success, Func<Exception, object> failure, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        task.ContinueWith(
            static (t, state) =>
            {
                var (recipient, success, failure, sender) = ((IActorRef, Func<T, object>, Func<Exception, object>, IActorRef?))state!;
                recipient.Tell(t.IsCompletedSuccessfully ? success(t.Result) : failure(Unwrap(t)), sender);
            },
            (recipient, success, failure, sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Tells <paramref name="recipient"/> <paramref name="success"/> or <paramref name="failure"/>(exception).</summary>
    public static void PipeTo(this Task task, IActorRef recipient, object success, Func<Exception, object> failure, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        task.ContinueWith(
            static (t, state) =>
            {
                var (recipient, success, failure, sender) = ((IActorRef, object, Func<Exception, object>, IActorRef?))state!;
                recipient.Tell(t.IsCompletedSuccessfully ? success : failure(Unwrap(t)), sender);
            },
            (recipient, success, failure, sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static Exception Unwrap(Task task) =>
        task.Exception is { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0]
        : task.Exception ?? (Exception)new TaskCanceledException(task);
}
