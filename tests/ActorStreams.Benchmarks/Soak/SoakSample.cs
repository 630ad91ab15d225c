namespace ActorStreams.Benchmarks.Soak;

/// <summary>One sample of a soak run: readings that force no collection, and on some samples the live heap after a forced one.</summary>
/// <param name="Index">The sample's number: it was due at <c>Index × interval</c> after the generators started.</param>
/// <param name="Elapsed">When it was taken, since the generators started.</param>
/// <param name="HeapBytes">Managed heap now, garbage included (<see cref="GC.GetTotalMemory(bool)"/> without a collection).</param>
/// <param name="HeapAfterGcBytes">Managed heap as the last collection left it (<see cref="GCMemoryInfo.HeapSizeBytes"/>).</param>
/// <param name="WorkingSetBytes">The process's working set (the dev broker's native memory included).</param>
/// <param name="Lag">Records between the node's completed offsets and the ends of the partitions it reads, summed.</param>
/// <param name="EventsIn">Records the node took in from the input topics.</param>
/// <param name="Transactions">Transactions the node took in.</param>
/// <param name="ActiveEntities">Entities in memory.</param>
/// <param name="LiveHeapBytes">
/// Managed heap right after a full compacting collection that the soak forced after the other readings, at every
/// full-GC interval: the live data, the one series the memory verdict reads; null on the other samples.
/// </param>
public sealed record SoakSample(
    int Index,
    TimeSpan Elapsed,
    long HeapBytes,
    long HeapAfterGcBytes,
    long WorkingSetBytes,
    long Lag,
    long EventsIn,
    long Transactions,
    long ActiveEntities,
    long? LiveHeapBytes = null);
