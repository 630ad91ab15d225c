namespace ActorStreams.Generator.Internal;

/// <summary>Paces a live stream: paced record <c>i</c> is released no earlier than <c>i / rate</c> seconds after paced record 0.</summary>
internal sealed class Pacer(TimeProvider timeProvider, double rate)
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(2);
    private long _started;

    public bool IsPaced => rate > 0;

    /// <summary>How long to wait before paced record <paramref name="index"/> (negative: an unpaced leading record); zero when it is due or nearly.</summary>
    public TimeSpan Wait(long index)
    {
        if (rate <= 0 || index < 0)
        {
            return TimeSpan.Zero;
        }

        if (index == 0)
        {
            _started = timeProvider.GetTimestamp();
            return TimeSpan.Zero;
        }

        var ahead = TimeSpan.FromSeconds(index / rate) - timeProvider.GetElapsedTime(_started);
        return ahead > Slack ? ahead : TimeSpan.Zero;
    }

    public Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) => Task.Delay(wait, timeProvider, cancellationToken);
}
