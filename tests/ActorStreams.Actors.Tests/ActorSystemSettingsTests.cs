using ActorStreams.Hocon;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class ActorSystemSettingsTests
{
    private static Config Load(string text) =>
        ConfigFactory.ParseString(text).WithFallback(ConfigFactory.ParseResource(typeof(ActorSystem).Assembly, "ActorStreams.Actors.reference.conf")).Resolve();

    [Fact]
    public void Create_ReferenceConf_EqualsTheRecordDefaults()
    {
        Assert.Equal(ActorSystemSettings.Default, ActorSystemSettings.Create(Load(string.Empty)));
    }

    [Fact]
    public void Create_Overrides_AreRead()
    {
        var settings = ActorSystemSettings.Create(Load("""
            actorstreams.actors {
              throughput = 7
              default-mailbox { kind = bounded, capacity = 12 }
              ask-timeout = 250ms
              supervision { max-nr-of-retries = -1, within-time-range = infinite, min-backoff = 1s, max-backoff = 4s, random-factor = 0 }
              guardian-supervision = escalate
              coordinated-shutdown.phase-timeout = 2 minutes
              log-dead-letters = 0
            }
            """));

        Assert.Equal(7, settings.Throughput);
        Assert.Equal(MailboxKind.Bounded, settings.DefaultMailboxKind);
        Assert.Equal(12, settings.DefaultMailboxCapacity);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.AskTimeout);
        Assert.Equal(-1, settings.MaxNrOfRetries);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.WithinTimeRange);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.RestartMinBackoff);
        Assert.Equal(TimeSpan.FromSeconds(4), settings.RestartMaxBackoff);
        Assert.Equal(0, settings.RestartRandomFactor);
        Assert.Equal(GuardianSupervision.Escalate, settings.GuardianSupervision);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ShutdownPhaseTimeout);
        Assert.Equal(0, settings.DeadLetterLogLimit);
    }

    [Theory]
    [InlineData("actorstreams.actors.throughput = 0", "actorstreams.actors.throughput must be a positive integer, got 0")]
    [InlineData("actorstreams.actors.throughput = lots", "actorstreams.actors.throughput")]
    [InlineData("actorstreams.actors.ask-timeout = soon", "actorstreams.actors.ask-timeout")]
    [InlineData("actorstreams.actors.default-mailbox.kind = 3", "actorstreams.actors.default-mailbox.kind must be one of unbounded | bounded, got \"3\"")]
    [InlineData("actorstreams.actors.guardian-supervision = retry", "actorstreams.actors.guardian-supervision must be one of restart | stop | escalate")]
    [InlineData("actorstreams.actors.supervision { min-backoff = 5s, max-backoff = 1s }", "actorstreams.actors.supervision.max-backoff must be at least")]
    public void Create_BadValue_NamesTheKey(string text, string expected)
    {
        var error = Assert.ThrowsAny<ConfigException>(() => ActorSystemSettings.Create(Load(text)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
