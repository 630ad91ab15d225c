using ActorStreams.Persistence.Ledger;

namespace ActorStreams.Persistence.Tests.Ledger;

[Trait("Category", "Unit")]
public sealed class LedgerSettingsTests
{
    [Fact]
    public void RetryBackoff_Defaults_DoublesFromTheMinimumUpToTheMaximum()
    {
        var waits = Enumerable.Range(1, 7).Select(a => LedgerSettings.Default.RetryBackoff(a).TotalSeconds);

        Assert.Equal([0.5, 1, 2, 4, 5, 5, 5], waits);
    }

    [Fact]
    public void RetryBackoff_ManyAttempts_StaysAtTheMaximum()
    {
        var settings = new LedgerSettings { RetryMinBackoff = TimeSpan.FromMilliseconds(100), RetryMaxBackoff = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(30), settings.RetryBackoff(10_000));
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.RetryBackoff(0));
    }
}
