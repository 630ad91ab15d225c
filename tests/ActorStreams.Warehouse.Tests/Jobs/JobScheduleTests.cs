using System.Globalization;
using ActorStreams.Hocon;
using ActorStreams.Warehouse.Jobs;

namespace ActorStreams.Warehouse.Tests.Jobs;

[Trait("Category", "Unit")]
public sealed class JobScheduleTests
{
    [Theory]
    [InlineData("2026-11-22T05:04:59Z", "2026-11-22T05:05:00Z")]
    [InlineData("2026-11-22T05:05:00Z", "2026-11-22T06:05:00Z")]
    [InlineData("2026-11-22T23:59:00Z", "2026-11-23T00:05:00Z")]
    public void NextAfter_Hourly_NextFifthMinute(string after, string expected)
    {
        var next = JobSchedule.Hourly(JobsSettings.Default).NextAfter(Parse(after));

        Assert.Equal(Parse(expected), next);
    }

    [Theory]
    [InlineData("2026-11-22T05:00:00Z", "2026-11-22T05:02:00Z")]
    [InlineData("2026-11-22T05:02:00Z", "2026-11-22T05:17:00Z")]
    public void NextAfter_FraudMonitor_IntervalBoundaryPlusDelay(string after, string expected)
    {
        var next = JobSchedule.FraudMonitor(JobsSettings.Default).NextAfter(Parse(after));

        Assert.Equal(Parse(expected), next);
    }

    [Fact]
    public void Create_Reference_TakesTheDefaults()
    {
        var settings = JobsSettings.Create(ConfigFactory.ParseString("actorstreams.jobs { enabled = on, fraud-monitor.interval = 1m }"));

        Assert.True(settings.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.FraudMonitorInterval);
        Assert.Equal(5, settings.HourlyAtMinute);
        Assert.Equal(3.0, settings.SpikeFactor);
        Assert.Equal(5, settings.MinAlerts);
        Assert.Equal(50, settings.HistorySize);
    }

    [Theory]
    [InlineData("hourly.at-minute = 60", "actorstreams.jobs.hourly.at-minute")]
    [InlineData("fraud-monitor.spike-factor = 0", "actorstreams.jobs.fraud-monitor.spike-factor")]
    [InlineData("fraud-monitor.min-alerts = 0", "actorstreams.jobs.fraud-monitor.min-alerts")]
    [InlineData("fraud-monitor.baseline = 1m", "actorstreams.jobs.fraud-monitor.baseline")]
    [InlineData("history-size = 0", "actorstreams.jobs.history-size")]
    public void Create_BadValue_ErrorNamesTheKey(string hocon, string key)
    {
        var error = Assert.ThrowsAny<ConfigException>(() => JobsSettings.Create(ConfigFactory.ParseString("actorstreams.jobs { " + hocon + " }")));

        Assert.StartsWith(key + " ", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
