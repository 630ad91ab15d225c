using System.Diagnostics;

namespace ActorStreams.Kafka.Tests.Support;

/// <summary>Awaits a condition by polling it; tests never sleep to synchronise.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task Until(Func<bool> condition, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0.#}s waiting until {because}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
