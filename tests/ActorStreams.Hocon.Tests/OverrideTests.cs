using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>ConfigFactory.ParseOverrides and ConfigFactory.FromEnvironment.</summary>
[Trait("Category", "Unit")]
public sealed class OverrideTests
{
    [Fact]
    public void ParseOverrides_SingleValues_KeepTheirHoconType_OtherTextIsAString()
    {
        var config = ConfigFactory.ParseOverrides(new Dictionary<string, string>
        {
            ["a.int"] = "42",
            ["a.double"] = " 2.5 ",
            ["a.bool"] = "true",
            ["a.null"] = "null",
            ["a.quoted"] = "\"quoted text\"",
            ["a.list"] = "[1, two]",
            ["a.object"] = "{ x = 1 }",
            ["a.bootstrap"] = "localhost:9092",
            ["a.words"] = "two words",
            ["a.unquoted"] = "plain",
            ["a.substitution"] = "${HOME}",
            ["a.array-with-substitution"] = "[${x}]",
            ["a.broken"] = "[1,",
            ["a.empty"] = "",
            ["\"quoted.key\".x"] = "1",
        });

        TestConfig.AssertJson("""
            {
              "a": {
                "int": 42, "double": 2.5, "bool": true, "null": null, "quoted": "quoted text",
                "list": [1, "two"], "object": { "x": 1 }, "bootstrap": "localhost:9092", "words": "two words",
                "unquoted": "plain", "substitution": "${HOME}", "array-with-substitution": "[${x}]", "broken": "[1,", "empty": ""
              },
              "quoted.key": { "x": 1 }
            }
            """, config);
        Assert.True(config.IsResolved);
        Assert.IsType<ConfigNumber>(config.GetValue("a.int"));
        Assert.Equal(new ConfigOrigin("override a.int", 0, 0), config.GetValue("a.int").Origin);
    }

    [Fact]
    public void ParseOverrides_LaterKeysWin_AndObjectsMerge()
    {
        var config = ConfigFactory.ParseOverrides([new("a.x", "1"), new("a.y", "2"), new("a.x", "3")]);

        TestConfig.AssertJson("""{ "a": { "x": 3, "y": 2 } }""", config);
    }

    [Fact]
    public void ParseOverrides_InvalidKey_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseOverrides([new("a..b", "1")]));

        Assert.Equal("the override key 'a..b' is not a valid path: invalid path expression 'a..b': a path may not contain an empty key between two dots (quote an empty key as \"\")", error.Message);
    }

    [Fact]
    public void ParseOverrides_ErrorsOnValues_NameTheOverride()
    {
        var config = ConfigFactory.ParseOverrides([new("x.timeout", "soon")], "command-line override");

        var error = Assert.Throws<ConfigBadValueException>(() => config.GetTimeSpan("x.timeout"));

        Assert.Equal("x.timeout must be a duration, got \"soon\" (command-line override x.timeout): there is no number", error.Message);
    }

    [Fact]
    public void FromEnvironment_MapsDoubleUnderscoresToKeysAndSingleOnesToHyphens()
    {
        var environment = new Dictionary<string, string>
        {
            ["ACTORSTREAMS__KAFKA__BOOTSTRAP"] = "broker:9092",
            ["ACTORSTREAMS__CLUSTER__GROUP_ID"] = "group-1",
            ["ACTORSTREAMS__HTTP__PORT"] = "8080",
            ["ACTORSTREAMS__KAFKA__TOPICS__0"] = "a",
            ["ACTORSTREAMS__KAFKA__TOPICS__1"] = "b",
            ["ACTORSTREAMS_HOME"] = "/opt/actorstreams",
            ["OTHER__KEY"] = "x",
            ["PATH"] = "/bin",
        };

        var config = ConfigFactory.FromEnvironment(env: environment);

        TestConfig.AssertJson("""
            {
              "actorstreams": {
                "cluster": { "group-id": "group-1" },
                "http": { "port": 8080 },
                "kafka": { "bootstrap": "broker:9092", "topics": { "0": "a", "1": "b" } }
              }
            }
            """, config);
        Assert.Equal(["a", "b"], config.GetStringList("actorstreams.kafka.topics"));
        Assert.Equal(new ConfigOrigin("environment variable ACTORSTREAMS__HTTP__PORT", 0, 0), config.GetValue("actorstreams.http.port").Origin);
    }

    [Fact]
    public void FromEnvironment_CustomPrefix_BecomesTheFirstKey()
    {
        var config = ConfigFactory.FromEnvironment("MY_APP", new Dictionary<string, string> { ["MY_APP__LOG_LEVEL"] = "debug", ["ACTORSTREAMS__X"] = "1" });

        TestConfig.AssertJson("""{ "my-app": { "log-level": "debug" } }""", config);
    }

    [Fact]
    public void FromEnvironment_EmptySegment_IsAnErrorNamingTheVariable()
    {
        var error = Assert.Throws<ConfigException>(() =>
            ConfigFactory.FromEnvironment(env: new Dictionary<string, string> { ["ACTORSTREAMS__KAFKA____X"] = "1" }));

        Assert.Equal("the environment variable ACTORSTREAMS__KAFKA____X does not name a configuration key: '__' separates keys, so it cannot be doubled or end the name", error.Message);
    }

    [Fact]
    public void FromEnvironment_ProcessEnvironment_IsReadByDefault()
    {
        // No variable of this test's own prefix exists, so the result must be empty.
        Assert.Empty(ConfigFactory.FromEnvironment("ACTORSTREAMS_HOCON_TEST_NO_SUCH_PREFIX").Root);
    }
}
