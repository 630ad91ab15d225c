namespace ActorStreams.Benchmarks;

/// <summary>One run of a case: what was counted, how long it took, what the process allocated meanwhile, and for a memory case the heap growth per actor.</summary>
internal sealed record Measurement(long Messages, TimeSpan Elapsed, long AllocatedBytes, double? BytesPerActor = null)
{
    /// <summary>Times <paramref name="run"/> (which returns what it counted), with the bytes the process allocated meanwhile.</summary>
    public static async Task<Measurement> TimeAsync(Func<Task<long>> run)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var counted = await run().ConfigureAwait(false);
        clock.Stop();
        return new Measurement(counted, clock.Elapsed, GC.GetTotalAllocatedBytes() - allocated);
    }

    /// <summary>Waits for the end of a run, but not forever: an actor that failed to start or a lost message would otherwise hang the suite.</summary>
    public static async Task WithinLimitAsync(Task run, CancellationToken cancellationToken)
    {
        try
        {
            await run.WaitAsync(RunLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"a run did not finish within {RunLimit.TotalMinutes} minutes: an actor failed or a message was lost (see the log above)");
        }
    }

    /// <inheritdoc cref="WithinLimitAsync(Task, CancellationToken)"/>
    public static async Task<T> WithinLimitAsync<T>(Task<T> run, CancellationToken cancellationToken)
    {
        await WithinLimitAsync((Task)run, cancellationToken).ConfigureAwait(false);
        return await run.ConfigureAwait(false);
    }

    /// <summary>The longest a run may take.</summary>
    private static TimeSpan RunLimit { get; } = TimeSpan.FromMinutes(10);
}
