namespace ActorStreams.Actors;

/// <summary>
/// Exponential delay before a supervised restart: the n-th restart within the retry window waits
/// <c>min(MaxBackoff, MinBackoff · 2^(n-1)) · (1 + random · RandomFactor)</c>; the child's mailbox stays suspended meanwhile.
/// </summary>
/// <param name="MinBackoff">Delay of the first restart; zero restarts immediately.</param>
/// <param name="MaxBackoff">Upper bound of the exponential part.</param>
/// <param name="RandomFactor">Jitter added on top, as a fraction of the delay (0 = none).</param>
public sealed record RestartBackoff(TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor)
{
    /// <summary>Restart immediately.</summary>
    public static RestartBackoff None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);

    /// <summary>The delay before restart number <paramref name="restartCount"/> (1-based) for a random sample in [0, 1).</summary>
    public TimeSpan DelayFor(int restartCount, double random)
    {
        if (MinBackoff <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(Math.Max(restartCount - 1, 0), 30);
        var ticks = Math.Min((double)MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, exponent));
        ticks *= 1 + (random * RandomFactor);
        return TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks / 2));
    }
}
