using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Substitutions: lookups over the whole merged configuration, optional substitutions and the environment fallback.</summary>
[Trait("Category", "Unit")]
public sealed class SubstitutionTests
{
    [Fact]
    public void Substitution_LooksForwardAndUsesTheFinalValue()
    {
        var config = TestConfig.Parse("a = ${b.c}\nb { c = 1 }\nb.c = 2\nd = ${b}");

        Assert.Equal(2, config.GetInt("a"));
        TestConfig.AssertJson("""{ "c": 2 }""", config.GetConfig("d"));
    }

    [Fact]
    public void Substitution_IntoItsOwnObject_ResolvesOnlyTheNeededField()
    {
        var config = TestConfig.Parse("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }");

        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Substitution_MutuallyReferringObjects_LookForward()
    {
        var config = TestConfig.Parse("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4");

        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void Substitution_Chain_Resolves()
    {
        var config = TestConfig.Parse("a = ${b}\nb = ${c}\nc = [${d}, ${d}]\nd = x");

        Assert.Equal(["x", "x"], config.GetStringList("a"));
    }

    [Fact]
    public void Substitution_QuotedPathSegments_Work()
    {
        var config = TestConfig.Parse("\"a.b\" { c = 1 }\nx = ${\"a.b\".c}\ny = ${ \"a.b\".c }");

        Assert.Equal(1, config.GetInt("x"));
        Assert.Equal(1, config.GetInt("y"));
    }

    [Fact]
    public void Substitution_ToNull_IsNullAndIsNotLookedUpInTheEnvironment()
    {
        var config = ConfigFactory.ParseString("HOME = null\na = ${HOME}", "test.conf").Resolve(TestConfig.Env(("HOME", "/home/x")));

        Assert.IsType<ConfigNull>(config.GetValue("a"));
        Assert.False(config.HasPath("a"));
    }

    [Fact]
    public void Substitution_Missing_IsAnErrorNamingTheSubstitutionAndPosition()
    {
        var error = TestConfig.ResolveError<ConfigResolveException>("a {\n  b = ${x.y}\n}");

        Assert.Equal("test.conf:2:7: could not resolve substitution ${x.y}: x.y is not defined in the configuration or as an environment variable (use ${?...} if it is optional)", error.Message);
        Assert.Equal(new ConfigOrigin("test.conf", 2, 7), error.Origin);
        Assert.IsNotType<ConfigCycleException>(error);
    }

    [Fact]
    public void Substitution_MissingWithoutEnvironment_SaysOnlyTheConfiguration()
    {
        var error = Assert.Throws<ConfigResolveException>(() =>
            ConfigFactory.ParseString("a = ${HOME}", "test.conf").Resolve(new ConfigResolveOptions { UseEnvironment = false }));

        Assert.Equal("test.conf:1:5: could not resolve substitution ${HOME}: HOME is not defined in the configuration (use ${?...} if it is optional)", error.Message);
    }

    [Fact]
    public void Substitution_HiddenByALaterValue_IsNeverEvaluated()
    {
        var config = TestConfig.Parse("foo = ${does-not-exist}\nfoo = 42\nbar = ${bar}\nbar = 1");

        Assert.Equal(42, config.GetInt("foo"));
        Assert.Equal(1, config.GetInt("bar"));
    }

    [Fact]
    public void OptionalSubstitution_Undefined_LeavesTheFieldUnsetOrKeepsTheEarlierValue()
    {
        var config = TestConfig.Parse("a = ${?nope}\nb = 1\nb = ${?nope}\nc { x = 1 }\nc = ${?nope}");

        Assert.False(config.HasPath("a"));
        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal(1, config.GetInt("c.x"));
    }

    [Fact]
    public void OptionalSubstitution_Undefined_InArray_RemovesTheElement()
    {
        var config = TestConfig.Parse("x = 2\na = [1, ${?nope}, ${?x}, 3]");

        TestConfig.AssertJsonEqual("[1, 2, 3]", config.GetValue("a").ToString());
    }

    [Fact]
    public void OptionalSubstitution_Defined_BehavesLikeARequiredOne()
    {
        Assert.Equal(5, TestConfig.Parse("x = 5\na = ${?x}").GetInt("a"));
    }

    [Fact]
    public void EnvironmentFallback_RequiredAndOptional_UseTheVariableAsAString()
    {
        var config = ConfigFactory.ParseString("a = ${PORT}\nb = ${?PORT}\nc = port ${PORT}\nd = ${?UNSET}", "test.conf")
            .Resolve(TestConfig.Env(("PORT", "8080")));

        var a = Assert.IsType<ConfigString>(config.GetValue("a"));
        Assert.Equal("8080", a.Value);
        Assert.Equal(new ConfigOrigin("environment variable PORT", 0, 0), a.Origin);
        Assert.Equal(8080, config.GetInt("b"));
        Assert.Equal("port 8080", config.GetString("c"));
        Assert.False(config.HasPath("d"));
    }

    [Fact]
    public void EnvironmentFallback_ConfigurationValue_WinsOverTheVariable()
    {
        var config = ConfigFactory.ParseString("PORT = 1\na = ${PORT}", "test.conf").Resolve(TestConfig.Env(("PORT", "8080")));

        Assert.Equal(1, config.GetInt("a"));
    }

    [Fact]
    public void EnvironmentFallback_DottedPath_LooksUpTheDottedName_AndEmptyValuesCount()
    {
        var config = ConfigFactory.ParseString("a = ${my.var}\nb = ${EMPTY}", "test.conf")
            .Resolve(TestConfig.Env(("my.var", "dotted"), ("EMPTY", "")));

        Assert.Equal("dotted", config.GetString("a"));
        Assert.Equal("", config.GetString("b"));
    }

    [Fact]
    public void EnvironmentFallback_Disabled_IgnoresVariables()
    {
        var config = ConfigFactory.ParseString("a = ${?PORT}", "test.conf")
            .Resolve(new ConfigResolveOptions { UseEnvironment = false, Environment = new Dictionary<string, string> { ["PORT"] = "1" } });

        Assert.False(config.HasPath("a"));
    }

    [Fact]
    public void EnvironmentFallback_ByDefault_ReadsTheProcessEnvironment()
    {
        // PATH exists in every test process; the assertion compares with the process' own value.
        var config = ConfigFactory.ParseString("a = ${PATH}").Resolve();

        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), config.GetString("a"));
    }

    [Fact]
    public void Parse_WithSubstitutions_IsUnresolvedUntilResolve()
    {
        var parsed = ConfigFactory.ParseString("a = 1\nb = ${a}", "test.conf");

        Assert.False(parsed.IsResolved);
        var error = Assert.Throws<ConfigException>(() => parsed.GetInt("a"));
        Assert.Equal("the configuration is not resolved: call Resolve() before reading values (it still contains substitutions such as ${a} at test.conf:2:5)", error.Message);
        Assert.Throws<ConfigException>(() => parsed.Root);
        Assert.Throws<ConfigException>(() => parsed.ToJson());
        Assert.Equal("Config(unresolved)", parsed.ToString());

        var resolved = parsed.Resolve();
        Assert.True(resolved.IsResolved);
        Assert.Same(resolved, resolved.Resolve());
        Assert.Equal(1, resolved.GetInt("b"));
    }

    [Fact]
    public void Parse_WithoutSubstitutions_IsResolvedAtOnce()
    {
        var parsed = ConfigFactory.ParseString("a = 1");

        Assert.True(parsed.IsResolved);
        Assert.Equal(1, parsed.GetInt("a"));
    }
}
