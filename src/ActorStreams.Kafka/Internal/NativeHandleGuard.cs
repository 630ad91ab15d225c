namespace ActorStreams.Kafka.Internal;

/// <summary>
/// Keeps a librdkafka handle alive while other threads are inside a call on it. Confluent.Kafka's
/// clients pass the raw handle to native code, so disposing a client while another thread is still
/// in <c>Flush</c>, <c>Produce</c>, <c>Commit</c> or <c>GetWatermarkOffsets</c> frees memory (mutexes
/// included) under that call. Callers bracket every call made from a foreign thread with
/// <see cref="TryEnter"/>/<see cref="Exit"/>; the owner calls <see cref="CloseAndWait"/> before disposing.
/// </summary>
internal sealed class NativeHandleGuard
{
    private const int ClosedBit = int.MinValue;
    private int _state;

    /// <summary>Registers a call; false once the handle is closing (then do not touch it, and do not call <see cref="Exit"/>).</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _state) < 0)
        {
            Interlocked.Decrement(ref _state);
            return false;
        }

        return true;
    }

    /// <summary>Ends a call registered by a successful <see cref="TryEnter"/>.</summary>
    public void Exit() => Interlocked.Decrement(ref _state);

    /// <summary>Refuses new calls and waits until the calls in progress have returned.</summary>
    public void CloseAndWait()
    {
        int state;
        do
        {
            state = Volatile.Read(ref _state);
        }
        while (state >= 0 && Interlocked.CompareExchange(ref _state, state | ClosedBit, state) != state);

        var spin = default(SpinWait);
        while (Volatile.Read(ref _state) != ClosedBit)
        {
            spin.SpinOnce(sleep1Threshold: 20);
        }
    }
}
