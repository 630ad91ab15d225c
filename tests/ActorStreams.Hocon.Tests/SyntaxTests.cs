using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Comments, separators, commas, root braces, objects and arrays.</summary>
[Trait("Category", "Unit")]
public sealed class SyntaxTests
{
    [Fact]
    public void Comments_HashAndDoubleSlash_AreIgnoredToTheEndOfTheLine()
    {
        var config = TestConfig.Parse("""
            # a comment
            a = 1 // trailing comment
            // b = 2
            c = "x # not a comment // either" # comment
            d = a//b
            """);

        TestConfig.AssertJson("""{ "a": 1, "c": "x # not a comment // either", "d": "a" }""", config);
    }

    [Fact]
    public void Comments_BetweenKeyAndSeparator_AreAllowed()
    {
        var config = TestConfig.Parse("a # comment\n: 1\nb : // comment\n 2");

        TestConfig.AssertJson("""{ "a": 1, "b": 2 }""", config);
    }

    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("{ a : 1 }")]
    [InlineData("{\"a\":1}")]
    [InlineData("\n\n  a\n  =\n\n  1\n\n")]
    public void Separators_EqualsColonAndRootBraces_AreEquivalent(string text)
    {
        TestConfig.AssertJson("""{ "a": 1 }""", TestConfig.Parse(text));
    }

    [Fact]
    public void Separator_BeforeOpeningBrace_MayBeOmitted()
    {
        var config = TestConfig.Parse("a { b { c = 1 } }\nd\n{ e = 2 }");

        TestConfig.AssertJson("""{ "a": { "b": { "c": 1 } }, "d": { "e": 2 } }""", config);
    }

    [Fact]
    public void Commas_NewlinesAndTrailingCommas_SeparateFieldsAndElements()
    {
        var config = TestConfig.Parse("""
            a = 1
            b = 2,
            c = [1, 2, 3,]
            d = [
              1
              2
            ]
            e = { x = 1, }
            """);

        TestConfig.AssertJson("""{ "a": 1, "b": 2, "c": [1, 2, 3], "d": [1, 2], "e": { "x": 1 } }""", config);
    }

    [Fact]
    public void EmptyText_ParsesAsAnEmptyObject()
    {
        Assert.Empty(TestConfig.Parse("").Root);
        Assert.Empty(TestConfig.Parse("  # only a comment\n").Root);
        Assert.Empty(TestConfig.Parse("{}").Root);
    }

    [Fact]
    public void Values_AllJsonTypes_ParseWithTheirTypes()
    {
        var config = TestConfig.Parse("""
            s = "text", n = 42, l = 9000000000, d = 3.5, e = 1e3, neg = -7
            t = true, f = false, z = null, o = {}, a = []
            """);

        Assert.IsType<ConfigString>(config.GetValue("s"));
        Assert.Equal(ConfigValueType.Number, config.GetValue("n").ValueType);
        Assert.True(((ConfigNumber)config.GetValue("n")).IsInteger);
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.False(((ConfigNumber)config.GetValue("d")).IsInteger);
        Assert.Equal(3.5, config.GetDouble("d"));
        Assert.Equal(1000, config.GetInt("e"));
        Assert.Equal(-7, config.GetInt("neg"));
        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
        Assert.IsType<ConfigNull>(config.GetValue("z"));
        Assert.Equal(ConfigValueType.Object, config.GetValue("o").ValueType);
        Assert.Equal(ConfigValueType.List, config.GetValue("a").ValueType);
    }

    [Fact]
    public void Numbers_KeepTheirWrittenText()
    {
        var config = TestConfig.Parse("a = 1e5\nb = 42.10\nc = -0.5E-3");

        Assert.Equal("1e5", ((ConfigNumber)config.GetValue("a")).Text);
        Assert.Equal("42.10", config.GetString("b"));
        Assert.Equal("-0.5E-3", config.GetString("c"));
        Assert.Equal("""{"a":1e5,"b":42.10,"c":-0.5E-3}""", config.ToJson(indented: false));
    }

    [Fact]
    public void Numbers_NotValidJsonNumbers_AreUnquotedStrings()
    {
        var config = TestConfig.Parse("date = 2024-01-31\nversion = 1.2.3\nzip = 007\ndash = -\nip = 10.0.0.1");

        Assert.Equal("2024-01-31", config.GetString("date"));
        Assert.Equal("1.2.3", config.GetString("version"));
        Assert.Equal("007", config.GetString("zip"));
        Assert.IsType<ConfigString>(config.GetValue("zip"));
        Assert.Equal("-", config.GetString("dash"));
        Assert.Equal("10.0.0.1", config.GetString("ip"));
    }

    [Fact]
    public void Numbers_TooLargeForLong_AreDoubles()
    {
        var config = TestConfig.Parse("big = 123456789012345678901234567890");

        var number = Assert.IsType<ConfigNumber>(config.GetValue("big"));
        Assert.False(number.IsInteger);
        Assert.Equal(1.2345678901234568E+29, number.ToDouble());
    }

    [Fact]
    public void Arrays_NestedAndMixed_Parse()
    {
        var config = TestConfig.Parse("a = [ [1, 2], { x = 1 }, \"s\", null, true ]");

        TestConfig.AssertJson("""{ "a": [ [1, 2], { "x": 1 }, "s", null, true ] }""", config);
    }

    [Fact]
    public void Arrays_ArraysOnTheSameLine_AreConcatenated_OnSeparateLines_AreElements()
    {
        var config = TestConfig.Parse("one = [ [ 1, 2 ] [ 3, 4 ] ]\ntwo = [ [ 1, 2 ]\n [ 3, 4 ] ]\nwords = [ 1 2 3 4 ]");

        TestConfig.AssertJson("""{ "one": [[1, 2, 3, 4]], "two": [[1, 2], [3, 4]], "words": ["1 2 3 4"] }""", config);
    }

    [Fact]
    public void Whitespace_UnicodeSpacesAndBom_AreWhitespace()
    {
        var config = TestConfig.Parse("\uFEFFa\u00A0=\u2003 1\u2028\nb\t=\u001C2");

        TestConfig.AssertJson("""{ "a": 1, "b": 2 }""", config);
    }

    [Fact]
    public void CarriageReturns_AreWhitespace()
    {
        var config = TestConfig.Parse("a = 1\r\nb = [1,\r\n2]\r\n");

        TestConfig.AssertJson("""{ "a": 1, "b": [1, 2] }""", config);
    }
}
