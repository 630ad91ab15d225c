using System.Reflection;
using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>include "file", file(), classpath(), url(), required(), relative paths, fix-ups and errors.</summary>
[Trait("Category", "Unit")]
public sealed class IncludeTests
{
    private static readonly ConfigResolveOptions NoEnvironment = new() { Environment = TestConfig.NoEnvironment };

    [Fact]
    public void Include_RelativeName_IsRelativeToTheIncludingFilesDirectory()
    {
        using var temp = new TempDirectory();
        temp.Write("conf/other.conf", "b = 2");
        temp.Write("conf/sub/deeper.conf", "c = 3");
        var main = temp.Write("conf/main.conf", "a = 1\ninclude \"other.conf\"\ninclude file(\"sub/deeper.conf\")");

        var config = ConfigFactory.ParseFile(main);

        TestConfig.AssertJson("""{ "a": 1, "b": 2, "c": 3 }""", config);
    }

    [Fact]
    public void Include_FromAnIncludedFile_IsRelativeToThatFile()
    {
        using var temp = new TempDirectory();
        temp.Write("a/b/leaf.conf", "leaf = true");
        temp.Write("a/middle.conf", "include \"b/leaf.conf\"");
        var main = temp.Write("main.conf", "include \"a/middle.conf\"");

        Assert.True(ConfigFactory.ParseFile(main).GetBoolean("leaf"));
    }

    [Fact]
    public void Include_AbsolutePath_IsUsedAsIs()
    {
        using var temp = new TempDirectory();
        var other = temp.Write("elsewhere/x.conf", "x = 1");
        var main = temp.Write("main.conf", $"include file({Quote(other)})");

        Assert.Equal(1, ConfigFactory.ParseFile(main).GetInt("x"));
    }

    [Fact]
    public void Include_InsideAnObject_NestsTheKeysAndFixesUpSubstitutions()
    {
        using var temp = new TempDirectory();
        temp.Write("foo.conf", "{ x : 10, y : ${x} }");
        var alone = temp.Write("alone.conf", "a : { include \"foo.conf\" }");
        var overridden = temp.Write("overridden.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");

        TestConfig.AssertJson("""{ "a": { "x": 10, "y": 10 } }""", ConfigFactory.ParseFile(alone).Resolve(NoEnvironment));
        TestConfig.AssertJson("""{ "a": { "x": 42, "y": 42 } }""", ConfigFactory.ParseFile(overridden).Resolve(NoEnvironment));
    }

    [Fact]
    public void Include_SubstitutionNotUnderTheIncludePoint_FallsBackToThePathAsWritten()
    {
        using var temp = new TempDirectory();
        temp.Write("foo.conf", "port = ${default-port}\nhost = ${HOST_NAME}");
        var main = temp.Write("main.conf", "default-port = 80\nserver { include \"foo.conf\" }");

        var config = ConfigFactory.ParseFile(main).Resolve(TestConfig.Env(("HOST_NAME", "box")));

        Assert.Equal(80, config.GetInt("server.port"));
        Assert.Equal("box", config.GetString("server.host"));
    }

    [Fact]
    public void Include_UnresolvableSubstitution_NamesBothPathsAndTheIncludedFile()
    {
        using var temp = new TempDirectory();
        var foo = temp.Write("foo.conf", "port = ${missing}");
        var main = temp.Write("main.conf", "server { include \"foo.conf\" }");

        var error = Assert.Throws<ConfigResolveException>(() => ConfigFactory.ParseFile(main).Resolve(NoEnvironment));

        Assert.Equal($"{foo}:1:8: could not resolve substitution ${{missing}}: missing is not defined in the configuration or as an environment variable, nor is server.missing (the path relative to the include point) (use ${{?...}} if it is optional)", error.Message);
    }

    [Fact]
    public void Include_SelfReferenceAndPlusEquals_InIncludedFile_SeeTheIncludingFilesEarlierValues()
    {
        using var temp = new TempDirectory();
        temp.Write("more.conf", "list += b\nname = ${name}-more");
        var main = temp.Write("main.conf", "section { list = [a], name = base }\nsection { include \"more.conf\" }");

        var config = ConfigFactory.ParseFile(main).Resolve(NoEnvironment);

        Assert.Equal(["a", "b"], config.GetStringList("section.list"));
        Assert.Equal("base-more", config.GetString("section.name"));
    }

    [Fact]
    public void Include_MergesLikeDuplicateKeys_InStatementOrder()
    {
        using var temp = new TempDirectory();
        temp.Write("inc.conf", "a { y = 2 }\nb = included\nc = included");
        var main = temp.Write("main.conf", "a { x = 1 }\nb = before\ninclude \"inc.conf\"\nc = after");

        TestConfig.AssertJson("""{ "a": { "x": 1, "y": 2 }, "b": "included", "c": "after" }""", ConfigFactory.ParseFile(main));
    }

    [Fact]
    public void Include_Missing_IsSilentlyIgnored()
    {
        using var temp = new TempDirectory();
        var main = temp.Write("main.conf", "a = 1\ninclude \"missing.conf\"\ninclude file(\"missing.conf\")\ninclude classpath(\"missing.conf\")");

        TestConfig.AssertJson("""{ "a": 1 }""", ConfigFactory.ParseFile(main));
    }

    [Theory]
    [InlineData("include required(\"missing.conf\")")]
    [InlineData("include required(file(\"missing.conf\"))")]
    [InlineData("include required( file( \"missing.conf\" ) )")]
    [InlineData("include\n  required(\"missing.conf\")")]
    public void IncludeRequired_Missing_IsAnErrorAtTheIncludeStatement(string statement)
    {
        using var temp = new TempDirectory();
        var main = temp.Write("main.conf", "a = 1\n" + statement);

        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(main));

        Assert.Equal(new ConfigOrigin(main, 2, 1), error.Origin);
        Assert.StartsWith($"{main}:2:1: the required include \"missing.conf\" was not found (looked for {Path.Combine(temp.Path, "missing.conf")}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncludeRequired_Present_IsIncluded()
    {
        using var temp = new TempDirectory();
        temp.Write("present.conf", "p = 1");
        var main = temp.Write("main.conf", "include required(\"present.conf\")\ninclude required(file(\"present.conf\"))");

        Assert.Equal(1, ConfigFactory.ParseFile(main).GetInt("p"));
    }

    [Fact]
    public void IncludeRequiredClasspath_WithoutResolver_SaysSo()
    {
        var error = TestConfig.ParseError("include required(classpath(\"x.conf\"))");

        Assert.Equal("test.conf:1:1: the required include \"x.conf\" was not found (looked for resource x.conf (no include resolver is configured))", error.Message);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/a.conf\")")]
    [InlineData("include \"https://example.com/a.conf\"")]
    [InlineData("include required(url(\"file:///etc/a.conf\"))")]
    public void IncludeUrl_IsNotSupported(string statement)
    {
        var error = TestConfig.ParseError("a = 1\n" + statement);

        Assert.StartsWith("test.conf:2:1: include url(", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not supported: ActorStreams includes files and embedded resources only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncludeClasspath_ReadsEmbeddedResourcesThroughTheResolver()
    {
        var options = new ConfigParseOptions { IncludeResolver = new AssemblyResourceIncludeResolver([typeof(IncludeTests).Assembly]) };

        var config = ConfigFactory.ParseString("x { include classpath(\"nested/inner.conf\") }", "test.conf", options).Resolve(NoEnvironment);

        TestConfig.AssertJson("""{ "x": { "inner": { "value": 7, "copy": 7 } } }""", config);
    }

    [Fact]
    public void IncludeClasspath_CustomResolver_IsUsed()
    {
        var options = new ConfigParseOptions { IncludeResolver = new DictionaryResolver(new() { ["app/x.conf"] = "x = 1\ninclude \"y.conf\"", ["app/y.conf"] = "y = 2" }) };

        var config = ConfigFactory.ParseString("include classpath(\"/app/x.conf\")", "test.conf", options);

        TestConfig.AssertJson("""{ "x": 1, "y": 2 }""", config);
    }

    [Fact]
    public void Include_HeuristicNameNotAFile_FallsBackToTheResolver()
    {
        var options = new ConfigParseOptions { IncludeResolver = new DictionaryResolver(new() { ["only-resource.conf"] = "r = 1" }) };

        Assert.Equal(1, ConfigFactory.ParseString("include \"only-resource.conf\"", "test.conf", options).GetInt("r"));
    }

    [Fact]
    public void Include_FromAString_IsRelativeToTheBaseDirectory()
    {
        using var temp = new TempDirectory();
        temp.Write("x.conf", "x = 1");

        var config = ConfigFactory.ParseString("include \"x.conf\"", "test.conf", new ConfigParseOptions { BaseDirectory = temp.Path });

        Assert.Equal(1, config.GetInt("x"));
    }

    [Fact]
    public void Include_WithoutExtension_LoadsJsonThenConf()
    {
        using var temp = new TempDirectory();
        temp.Write("both.json", """{ "a": "json", "b": "json" }""");
        temp.Write("both.conf", "b = conf");
        var main = temp.Write("main.conf", "include \"both\"");

        TestConfig.AssertJson("""{ "a": "json", "b": "conf" }""", ConfigFactory.ParseFile(main));
    }

    [Fact]
    public void Include_Cycle_IsAnError()
    {
        using var temp = new TempDirectory();
        var a = temp.Write("a.conf", "include \"b.conf\"");
        var b = temp.Write("b.conf", "x = 1\ninclude \"a.conf\"");

        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(a));

        Assert.Equal($"{b}:2:1: include cycle: {a} -> {b} -> {a}", error.Message);
    }

    [Fact]
    public void Include_FileWithArrayRoot_IsAnError()
    {
        using var temp = new TempDirectory();
        var list = temp.Write("list.json", "[1, 2]");
        var main = temp.Write("main.conf", "include \"list.json\"");

        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(main));

        Assert.StartsWith($"{list}:1:1: expected an object at the root of {list}, got an array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_SyntaxErrorInIncludedFile_NamesThatFile()
    {
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.conf", "ok = 1\nbroken = [1,\n");
        var main = temp.Write("main.conf", "include \"bad.conf\"");

        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(main));

        Assert.Equal($"{bad}:3:1: expected ']' to close the array started at 2:10, got end of file", error.Message);
    }

    [Theory]
    [InlineData("include foo", "test.conf:1:9: expected a quoted name, file(\"...\"), classpath(\"...\"), url(\"...\") or required(...) after 'include', got 'foo' (to use include as a key, quote it: \"include\")")]
    [InlineData("include : 1", "test.conf:1:9: expected a quoted name, file(\"...\"), classpath(\"...\"), url(\"...\") or required(...) after 'include', got ':' (to use include as a key, quote it: \"include\")")]
    [InlineData("include", "test.conf:1:8: expected a quoted name, file(\"...\"), classpath(\"...\"), url(\"...\") or required(...) after 'include', got end of file (to use include as a key, quote it: \"include\")")]
    [InlineData("include file(foo)", "test.conf:1:9: expected a quoted name, file(\"...\"), classpath(\"...\"), url(\"...\") or required(...) after 'include', got 'file(foo)' (to use include as a key, quote it: \"include\")")]
    [InlineData("include file (\"x\")", "test.conf:1:9: expected a quoted name, file(\"...\"), classpath(\"...\"), url(\"...\") or required(...) after 'include', got 'file' (to use include as a key, quote it: \"include\")")]
    [InlineData("include file(\"x\"\n)", "test.conf:1:17: expected ')' to close the include of \"x\", got a newline")]
    [InlineData("include file(\"x\"))", "test.conf:1:17: unexpected '))' after the include of \"x\"")]
    [InlineData("include \"x\" y", "test.conf:1:13: expected ',', a newline or '}' after the value of 'include \"x\"', got 'y'")]
    public void Include_Malformed_ReportsPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Fact]
    public void AssemblyResolver_FindsByExactNameOrDottedSuffix()
    {
        var resolver = new AssemblyResourceIncludeResolver([typeof(IncludeTests).Assembly]);

        Assert.Contains("inner", resolver.ReadResource("ActorStreams.Hocon.Tests.Resources.nested.inner.conf"), StringComparison.Ordinal);
        Assert.Contains("inner", resolver.ReadResource("nested/inner.conf"), StringComparison.Ordinal);
        Assert.Contains("hocon-test", resolver.ReadResource("Resources/reference.conf"), StringComparison.Ordinal);
        Assert.Null(resolver.ReadResource("absent.conf"));
    }

    [Fact]
    public void AssemblyResolver_AmbiguousSuffix_IsAnError()
    {
        var resolver = new AssemblyResourceIncludeResolver([typeof(IncludeTests).Assembly]);

        var error = Assert.Throws<ConfigException>(() => resolver.ReadResource("conf"));

        Assert.Contains("the resource name conf is ambiguous in ActorStreams.Hocon.Tests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseResource_ReadsAndResolvesItsOwnIncludes()
    {
        var config = ConfigFactory.ParseResource(typeof(IncludeTests).Assembly, "Resources/reference.conf").Resolve(NoEnvironment);

        Assert.Equal(7, config.GetInt("hocon-test.inner.copy"));
        Assert.Equal(new ConfigOrigin("Resources/reference.conf", 3, 20), config.GetValue("hocon-test.from-reference").Origin);
    }

    [Fact]
    public void ParseResource_Missing_ListsWhatExists()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseResource(Assembly.GetExecutingAssembly(), "nope.conf"));

        Assert.StartsWith("the embedded resource nope.conf does not exist in ActorStreams.Hocon.Tests (it has: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ActorStreams.Hocon.Tests.Resources.reference.conf", error.Message, StringComparison.Ordinal);
    }

    private static string Quote(string path) => "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";

    private sealed class DictionaryResolver(Dictionary<string, string> resources) : IConfigIncludeResolver
    {
        public string? ReadResource(string name) => resources.GetValueOrDefault(name);
    }
}
