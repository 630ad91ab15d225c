using System.Diagnostics;
using Xunit.Sdk;

namespace ActorStreams.TestKit;

/// <summary>Awaits a condition by polling it with a timeout: tests never sleep to synchronise.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="because"/> after <paramref name="timeout"/> (dilated by <c>ACTORSTREAMS_TEST_TIMEFACTOR</c>).</summary>
    public static async Task Until(Func<bool> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = TestKitSettings.Dilated(timeout);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw FailException.ForFailure($"timed out after {limit.TotalSeconds:0.#} s waiting until {because}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Polls an asynchronous condition; see <see cref="Until(Func{bool}, TimeSpan, string)"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = TestKitSettings.Dilated(timeout);
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > limit)
            {
                throw FailException.ForFailure($"timed out after {limit.TotalSeconds:0.#} s waiting until {because}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds (true) or <paramref name="timeout"/> (dilated) passes (false), for
    /// callers that report the outcome themselves.
    /// </summary>
    public static async Task<bool> HoldsWithin(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = TestKitSettings.Dilated(timeout);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        return true;
    }
}
