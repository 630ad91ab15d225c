using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Quoted, unquoted and triple-quoted strings.</summary>
[Trait("Category", "Unit")]
public sealed class StringTests
{
    [Fact]
    public void QuotedString_JsonEscapes_AreDecoded()
    {
        var config = TestConfig.Parse("""a = "q\" b\\ s\/ \b\f\n\r\t u\u00e9\u20AC" """);

        Assert.Equal("q\" b\\ s/ \b\f\n\r\t u\u00e9\u20AC", config.GetString("a"));
    }

    [Fact]
    public void QuotedString_HashAndSlashesAndReservedCharacters_AreLiteral()
    {
        var config = TestConfig.Parse("""a = "${x} # // { } [ ] : = , + ? ! @ * & ^ ` $" """);

        Assert.Equal("${x} # // { } [ ] : = , + ? ! @ * & ^ ` $", config.GetString("a"));
    }

    [Fact]
    public void UnquotedString_StopsAtForbiddenCharactersAndComments()
    {
        var config = TestConfig.Parse("a = foo/bar.baz-qux_1(2)\nb = path//comment\nc = x#comment\nd = [a,b]");

        Assert.Equal("foo/bar.baz-qux_1(2)", config.GetString("a"));
        Assert.Equal("path", config.GetString("b"));
        Assert.Equal("x", config.GetString("c"));
        Assert.Equal(["a", "b"], config.GetStringList("d"));
    }

    [Fact]
    public void UnquotedString_KeywordPrefixes_StartTheValueButConcatenateToAString()
    {
        var config = TestConfig.Parse("a = truefoo\nb = footrue\nc = nullable\nd = 10.0bar\ne = true");

        Assert.Equal("truefoo", config.GetString("a"));
        Assert.IsType<ConfigString>(config.GetValue("a"));
        Assert.Equal("footrue", config.GetString("b"));
        Assert.Equal("nullable", config.GetString("c"));
        Assert.Equal("10.0bar", config.GetString("d"));
        Assert.IsType<ConfigBoolean>(config.GetValue("e"));
    }

    [Fact]
    public void UnquotedString_IncludeAsValue_IsAString()
    {
        var config = TestConfig.Parse("a = include\nb = [ include ]\nfoo include = 42\n\"include\" = 1");

        Assert.Equal("include", config.GetString("a"));
        Assert.Equal(["include"], config.GetStringList("b"));
        Assert.Equal(42, config.GetInt("\"foo include\""));
        Assert.Equal(1, config.GetInt("\"include\""));
    }

    [Fact]
    public void TripleQuotedString_SpansLinesWithoutEscapes()
    {
        var config = TestConfig.Parse("a = \"\"\"line 1\n  line \\n 2 \"quoted\" ${x} # no comment\n\"\"\"");

        Assert.Equal("line 1\n  line \\n 2 \"quoted\" ${x} # no comment\n", config.GetString("a"));
    }

    [Theory]
    [InlineData("\"\"\"x\"\"\"\"", "x\"")]
    [InlineData("\"\"\"x\"\"\"\"\"", "x\"\"")]
    [InlineData("\"\"\"\"x\"\"\"", "\"x")]
    [InlineData("\"\"\"\"\"\"", "")]
    [InlineData("\"\"\"\"\"\"\"\"", "\"\"")]
    [InlineData("\"\"\"a\"\"b\"\"\"", "a\"\"b")]
    public void TripleQuotedString_ExtraClosingQuotes_BelongToTheString(string literal, string expected)
    {
        Assert.Equal(expected, TestConfig.Parse("a = " + literal).GetString("a"));
    }

    [Fact]
    public void EmptyQuotedString_IsNotATripleQuote()
    {
        var config = TestConfig.Parse("a = \"\"\nb = \"\" x");

        Assert.Equal("", config.GetString("a"));
        Assert.Equal(" x", config.GetString("b"));
    }
}
