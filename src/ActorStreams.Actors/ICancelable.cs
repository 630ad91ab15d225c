namespace ActorStreams.Actors;

/// <summary>A handle to cancel scheduled work.</summary>
public interface ICancelable
{
    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Cancels the work; later firings do not happen.</summary>
    void Cancel();
}
