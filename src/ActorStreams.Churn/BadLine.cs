namespace ActorStreams.Churn;

/// <summary>A line of a <c>customer-events</c> file that is not a valid record.</summary>
/// <param name="LineNumber">The line's number, from 1.</param>
/// <param name="Reason">Why it was rejected, naming the field.</param>
public readonly record struct BadLine(long LineNumber, string Reason);
