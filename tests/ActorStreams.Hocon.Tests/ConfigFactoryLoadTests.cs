using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>ConfigFactory.Load: reference &lt; application &lt; --config &lt; environment &lt; command line, resolved once.</summary>
[Trait("Category", "Unit")]
public sealed class ConfigFactoryLoadTests
{
    [Fact]
    public void Load_AppliesEveryLayerInPrecedenceOrder()
    {
        using var temp = new TempDirectory();
        temp.Write("hocon/application.conf", "hocon-test { name = application, servers += app-1, from-app = true, level = app }");
        var extra = temp.Write("extra.conf", "hocon-test { name = extra, level = extra, servers += extra-1 }");

        var config = ConfigFactory.Load(new ConfigLoadOptions
        {
            ReferenceAssemblies = [typeof(ConfigFactoryLoadTests).Assembly],
            BaseDirectory = temp.Path,
            ConfigFile = extra,
            Environment = new Dictionary<string, string> { ["ACTORSTREAMS__LEVEL"] = "env", ["ACTORSTREAMS__NAME"] = "env" },
            EnvironmentPrefix = "ACTORSTREAMS",
            Overrides = [new("actorstreams.name", "cli")],
        });

        Assert.True(config.GetBoolean("hocon-test.from-reference"));
        Assert.True(config.GetBoolean("hocon-test.from-app"));
        Assert.Equal("extra", config.GetString("hocon-test.name"));
        Assert.Equal(["ref-1", "app-1", "extra-1"], config.GetStringList("hocon-test.servers"));
        Assert.Equal(7, config.GetInt("hocon-test.inner.copy"));
        Assert.Equal("env", config.GetString("actorstreams.level"));
        Assert.Equal("cli", config.GetString("actorstreams.name"));
    }

    [Fact]
    public void Load_SubstitutionsSpanLayers_AndSeeOverrides()
    {
        using var temp = new TempDirectory();
        temp.Write("hocon/application.conf", "hocon-test { summary = ${hocon-test.name}\"@\"${hocon-test.timeout}, port = ${?PORT} }");

        var config = ConfigFactory.Load(new ConfigLoadOptions
        {
            ReferenceAssemblies = [typeof(ConfigFactoryLoadTests).Assembly],
            BaseDirectory = temp.Path,
            Environment = new Dictionary<string, string> { ["PORT"] = "9000" },
            Overrides = [new("hocon-test.name", "overridden")],
        });

        Assert.Equal("overridden@5s", config.GetString("hocon-test.summary"));
        Assert.Equal(9000, config.GetInt("hocon-test.port"));
    }

    [Fact]
    public void Load_WithoutApplicationFile_UsesReferenceOnly()
    {
        using var temp = new TempDirectory();

        var config = ConfigFactory.Load(new ConfigLoadOptions
        {
            ReferenceAssemblies = [typeof(ConfigFactoryLoadTests).Assembly],
            BaseDirectory = temp.Path,
            Environment = TestConfig.NoEnvironment,
        });

        Assert.Equal("reference", config.GetString("hocon-test.name"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("hocon-test.timeout"));
    }

    [Fact]
    public void Load_MissingConfigFile_IsAnError()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "missing.conf");

        var error = Assert.Throws<ConfigException>(() => ConfigFactory.Load(new ConfigLoadOptions
        {
            BaseDirectory = temp.Path,
            ConfigFile = missing,
            Environment = TestConfig.NoEnvironment,
        }));

        Assert.Equal($"the configuration file {missing} does not exist (full path {missing})", error.Message);
    }

    [Fact]
    public void Load_ErrorInApplicationFile_NamesTheFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        var application = temp.Write("hocon/application.conf", "a {\n  b = 1\n");

        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.Load(new ConfigLoadOptions
        {
            BaseDirectory = temp.Path,
            Environment = TestConfig.NoEnvironment,
        }));

        Assert.Equal($"{application}:3:1: expected '}}' to close the object started at 1:3, got end of file", error.Message);
    }

    [Fact]
    public void Load_ApplicationFileDisabled_IsSkipped()
    {
        using var temp = new TempDirectory();
        temp.Write("hocon/application.conf", "a = 1");

        var config = ConfigFactory.Load(new ConfigLoadOptions { BaseDirectory = temp.Path, ApplicationFile = null, Environment = TestConfig.NoEnvironment });

        Assert.False(config.HasPath("a"));
    }

    [Fact]
    public void ParseFile_Missing_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile("does-not-exist.conf"));

        Assert.StartsWith("the configuration file does-not-exist.conf does not exist (full path ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_IsResolvedAndEmpty()
    {
        Assert.True(ConfigFactory.Empty.IsResolved);
        Assert.Empty(ConfigFactory.Empty.Root);
        Assert.Equal("{}", ConfigFactory.Empty.ToJson(indented: false));
    }
}
