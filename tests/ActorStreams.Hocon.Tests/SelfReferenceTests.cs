using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Self-referential substitutions look back at earlier definitions, including fallback configurations; += appends.</summary>
[Trait("Category", "Unit")]
public sealed class SelfReferenceTests
{
    [Fact]
    public void ArrayAppend_SeesTheEarlierValue()
    {
        var config = TestConfig.Parse("path = [ /bin ]\npath = ${path} [ /usr/bin ]\npath = ${path} [ /sbin ]");

        Assert.Equal(["/bin", "/usr/bin", "/sbin"], config.GetStringList("path"));
    }

    [Fact]
    public void ObjectExtension_SeesTheEarlierValue()
    {
        var config = TestConfig.Parse("foo = { a = 1, b = 1 }\nfoo = ${foo} { b = 2 }");

        TestConfig.AssertJson("""{ "a": 1, "b": 2 }""", config.GetConfig("foo"));
    }

    [Fact]
    public void StringAppend_SeesTheEarlierValue()
    {
        var config = TestConfig.Parse("path = \"a:b:c\"\npath = ${path}\":d\"\nx = b\nx = ${?x} \"a\"");

        Assert.Equal("a:b:c:d", config.GetString("path"));
        Assert.Equal("b a", config.GetString("x"));
    }

    [Fact]
    public void OptionalSelfReference_WithoutEarlierValue_IsUndefined()
    {
        var config = TestConfig.Parse("a = ${?a}foo\nfoo = ${?foo}\nx = ${?x} \"a\"");

        Assert.Equal("foo", config.GetString("a"));
        Assert.False(config.HasPath("foo"));
        Assert.Equal(" a", config.GetString("x"));
    }

    [Fact]
    public void RequiredSelfReference_WithoutEarlierValue_IsAnError()
    {
        var error = TestConfig.ResolveError<ConfigResolveException>("x = 1\nfoo = ${foo}");

        Assert.Equal("test.conf:2:7: could not resolve substitution ${foo}: it refers to foo, the field it defines, and no earlier definition of foo provides foo (a self-reference only sees earlier values; use ${?...} if it is optional)", error.Message);
    }

    [Fact]
    public void SelfReference_DefinedBeforeTheValue_IsUndefinedNotTheLaterValue()
    {
        // The first ${foo} has nothing below it: it is undefined, and so the error is about it (line 1).
        var error = TestConfig.ResolveError<ConfigResolveException>("foo = ${foo}\nfoo = ${foo} { a = 1 }");

        Assert.StartsWith("test.conf:1:7: could not resolve substitution ${foo}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelfReference_WithEnvironmentVariable_FallsBackToTheEnvironment()
    {
        var config = ConfigFactory.ParseString("PATH = ${PATH}\":/extra\"", "test.conf").Resolve(TestConfig.Env(("PATH", "/bin")));

        Assert.Equal("/bin:/extra", config.GetString("PATH"));
    }

    [Fact]
    public void SelfReference_ThroughAPath_SeesTheValueBelowEvenIfOverriddenLater()
    {
        var config = TestConfig.Parse("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }");

        TestConfig.AssertJson("""{ "a": 2, "c": 1 }""", config.GetConfig("foo"));
    }

    [Fact]
    public void SelfReference_HiddenByALaterValue_IsIgnored()
    {
        var config = TestConfig.Parse("foo : ${foo}\nfoo : 42");

        Assert.Equal(42, config.GetInt("foo"));
    }

    [Fact]
    public void SelfReference_InNestedField_LooksBackAtTheNestedField()
    {
        var config = TestConfig.Parse("a { list = [1] }\na { list = ${a.list} [2] }\na.list = ${a.list} [3]");

        Assert.Equal(["1", "2", "3"], config.GetStringList("a.list"));
    }

    [Fact]
    public void SelfReference_InsideObjectPieceOfConcatenation_LooksBack()
    {
        var config = TestConfig.Parse("x = { a = 1, b = one }\nx = ${x} { b = ${x.b}\" two\", c = ${x.a} }");

        TestConfig.AssertJson("""{ "a": 1, "b": "one two", "c": 1 }""", config.GetConfig("x"));
    }

    [Fact]
    public void OtherFields_ReferringToASelfReferentialField_SeeItsFinalValue()
    {
        var config = TestConfig.Parse("a = [1]\nb = ${a}\na = ${a} [2]");

        Assert.Equal(["1", "2"], config.GetStringList("b"));
    }

    [Fact]
    public void PlusEquals_AppendsToAnArray_OrStartsOne()
    {
        var config = TestConfig.Parse("a += 1\nb = [0]\nb += 1\nb += [2, 3]\nx { l += one }\nx.l += two");

        TestConfig.AssertJson("""{ "a": [1], "b": [0, 1, [2, 3]], "x": { "l": ["one", "two"] } }""", config);
    }

    [Fact]
    public void PlusEquals_OnANonArray_IsAnError()
    {
        var error = TestConfig.ResolveError<ConfigResolveException>("a = 5\na += 1");

        Assert.Equal("test.conf:2:6: cannot concatenate the number 5 with an array in the value of a (written at test.conf:2:3): a value concatenation must be all objects, all arrays or all simple values", error.Message);
    }

    [Fact]
    public void WithFallback_SelfReferences_SeeTheFallbackValues()
    {
        var reference = ConfigFactory.ParseString("path = [/bin]\nfoo { a = 1 }\nx = b\nlist = [1]", "reference.conf");
        var application = ConfigFactory.ParseString("path = ${path} [/usr/bin]\nfoo = ${foo} { b = 2 }\nx = ${?x} \"a\"\nlist += 2", "application.conf");

        var config = application.WithFallback(reference).Resolve(new ConfigResolveOptions { Environment = TestConfig.NoEnvironment });

        Assert.Equal(["/bin", "/usr/bin"], config.GetStringList("path"));
        TestConfig.AssertJson("""{ "a": 1, "b": 2 }""", config.GetConfig("foo"));
        Assert.Equal("b a", config.GetString("x"));
        Assert.Equal(["1", "2"], config.GetStringList("list"));
    }

    [Fact]
    public void WithFallback_FallbackSubstitutions_SeeOverridingValues()
    {
        var reference = ConfigFactory.ParseString("host = localhost\nurl = \"http://\"${host}\":80\"", "reference.conf");
        var application = ConfigFactory.ParseString("host = example.org", "application.conf");

        var config = application.WithFallback(reference).Resolve();

        Assert.Equal("http://example.org:80", config.GetString("url"));
    }

    [Fact]
    public void WithFallback_ThreeLayers_SelfReferencesChainThroughEveryLayer()
    {
        var one = ConfigFactory.ParseString("l = [1]");
        var two = ConfigFactory.ParseString("l = ${l} [2]");
        var three = ConfigFactory.ParseString("l = ${l} [3]");

        var config = three.WithFallback(two).WithFallback(one).Resolve();

        Assert.Equal(["1", "2", "3"], config.GetStringList("l"));
    }

    [Fact]
    public void WithFallback_OfResolvedConfigs_MergesAtOnce()
    {
        var top = ConfigFactory.ParseString("a { x = 1 }\nb = 1");
        var bottom = ConfigFactory.ParseString("a { y = 2 }\nb = { z = 1 }\nc = 3");

        var merged = top.WithFallback(bottom);

        Assert.True(merged.IsResolved);
        TestConfig.AssertJson("""{ "a": { "y": 2, "x": 1 }, "b": 1, "c": 3 }""", merged);
    }

    [Fact]
    public void WithFallback_NonObjectInTheMiddle_HidesLowerObjects()
    {
        var first = ConfigFactory.ParseString("a { x = 1 }");
        var second = ConfigFactory.ParseString("a = 42");
        var third = ConfigFactory.ParseString("a { y = 2 }");

        TestConfig.AssertJson("""{ "a": { "x": 1 } }""", first.WithFallback(second).WithFallback(third));
        TestConfig.AssertJson("""{ "a": { "y": 2, "x": 1 } }""", first.WithFallback(third).WithFallback(second));
    }
}
