namespace ActorStreams.Actors;

/// <summary>Replies that carry an outcome; a <see cref="Failure"/> reply faults an <c>Ask</c>.</summary>
public static class Status
{
    /// <summary>A successful outcome with an optional value.</summary>
    /// <param name="Value">The result.</param>
    public sealed record Success(object? Value);

    /// <summary>A failed outcome.</summary>
    /// <param name="Cause">Why it failed.</param>
    public sealed record Failure(Exception Cause);
}
