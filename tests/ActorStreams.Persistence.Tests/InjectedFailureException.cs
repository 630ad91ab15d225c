namespace ActorStreams.Persistence.Tests;

/// <summary>The failure tests inject into a checkpoint write half-way through its entity rows.</summary>
public sealed class InjectedFailureException(int rowsWritten)
    : Exception($"injected failure after {rowsWritten} entity rows")
{
    public int RowsWritten { get; } = rowsWritten;
}
