using ActorStreams.Hocon;

namespace ActorStreams.Node.Tests;

[Trait("Category", "Unit")]
public sealed class NodeSettingsDashboardTests
{
    [Fact]
    public void Create_ReferenceConfiguration_DashboardOnWithItsDefaults()
    {
        var settings = NodeSettings.Create(ConfigFactory.ParseResource(typeof(NodeSettings).Assembly, "ActorStreams.Node.reference.conf"));

        Assert.True(settings.DashboardEnabled);
        Assert.Equal(NodeSettings.Default.DashboardWindow, settings.DashboardWindow);
        Assert.Equal(NodeSettings.Default.DashboardMaxRecords, settings.DashboardMaxRecords);
    }

    [Fact]
    public void Create_DashboardOff_Disabled()
    {
        var settings = NodeSettings.Create(ConfigFactory.ParseString("actorstreams.dashboard { enabled = off, window = 2h, max-records = 10 }"));

        Assert.False(settings.DashboardEnabled);
        Assert.Equal(TimeSpan.FromHours(2), settings.DashboardWindow);
        Assert.Equal(10, settings.DashboardMaxRecords);
    }

    [Theory]
    [InlineData("window = 30s", "actorstreams.dashboard.window")]
    [InlineData("max-records = 0", "actorstreams.dashboard.max-records")]
    [InlineData("enabled = maybe", "actorstreams.dashboard.enabled")]
    public void Create_BadDashboardValue_ErrorNamesTheKey(string setting, string key)
    {
        var error = Assert.ThrowsAny<ConfigException>(() => NodeSettings.Create(ConfigFactory.ParseString($"actorstreams.dashboard {{ {setting} }}")));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
