namespace ActorStreams.Benchmarks.Soak;

/// <summary>The trends of a soak run after its warm-up, and whether they stay within the <see cref="SoakThresholds"/>.</summary>
public sealed record SoakVerdict
{
    /// <summary>The samples judged: those taken at or after the end of the warm-up.</summary>
    public required int Samples { get; init; }

    /// <summary>When the first judged sample was taken.</summary>
    public required TimeSpan From { get; init; }

    /// <summary>When the last judged sample was taken.</summary>
    public required TimeSpan To { get; init; }

    /// <summary>
    /// Least-squares slope of the memory the verdict reads, MiB per minute: the live heap where the samples measured it
    /// (<see cref="SoakSample.LiveHeapBytes"/>), else the heap as the last collection left it (judged).
    /// </summary>
    public required double HeapSlope { get; init; }

    /// <summary>True when <see cref="HeapSlope"/> is that of the live heap after forced collections.</summary>
    public required bool LiveHeap { get; init; }

    /// <summary>The judged samples <see cref="HeapSlope"/> is computed from.</summary>
    public required int HeapPoints { get; init; }

    /// <summary>The memory the verdict reads at its first point, bytes.</summary>
    public required long HeapFrom { get; init; }

    /// <summary>The memory the verdict reads at its last point, bytes.</summary>
    public required long HeapTo { get; init; }

    /// <summary>Least-squares slope of the heap as the last collection left it, MiB per minute (shown).</summary>
    public required double HeapAfterGcSlope { get; init; }

    /// <summary>Least-squares slope of the heap with its garbage (<see cref="GC.GetTotalMemory(bool)"/>), MiB per minute (shown).</summary>
    public required double TotalMemorySlope { get; init; }

    /// <summary>Least-squares slope of the working set, MiB per minute (shown).</summary>
    public required double WorkingSetSlope { get; init; }

    /// <summary>Least-squares slope of the total consumer lag, records per minute (judged).</summary>
    public required double LagSlope { get; init; }

    /// <summary>The largest total consumer lag of a judged sample (judged).</summary>
    public required long MaxLag { get; init; }

    /// <summary>Active entities at the first judged sample.</summary>
    public required long EntitiesFrom { get; init; }

    /// <summary>Active entities at the last judged sample.</summary>
    public required long EntitiesTo { get; init; }

    /// <summary>Transactions per second the node took in between the first and the last judged sample (judged).</summary>
    public required double AchievedRate { get; init; }

    /// <summary>Transactions per second asked of the generator.</summary>
    public required double RequestedRate { get; init; }

    /// <summary>How the run ended.</summary>
    public required SoakEnding Ending { get; init; }

    /// <summary>The limits applied.</summary>
    public required SoakThresholds Thresholds { get; init; }

    /// <summary>Why the run is not stable, one line each; empty when it is.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>What qualifies the figures without failing the run.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>No threshold was crossed, the lag came back to 0 and nothing was lost: exit code 0.</summary>
    public bool Stable => Failures.Count == 0;
}
