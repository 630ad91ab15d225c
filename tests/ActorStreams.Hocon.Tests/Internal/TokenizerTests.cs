using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon.Tests.Internal;

[Trait("Category", "Unit")]
public sealed class TokenizerTests
{
    [Theory]
    [InlineData("truefoo", "True:true UnquotedText:foo")]
    [InlineData("footrue", "UnquotedText:footrue")]
    [InlineData("10.0bar", "Number:10.0 UnquotedText:bar")]
    [InlineData("bar10.0", "UnquotedText:bar10.0")]
    [InlineData("1.2.3", "UnquotedText:1.2.3")]
    [InlineData("-5", "Number:-5")]
    [InlineData("a/b//c", "UnquotedText:a/b")]
    [InlineData("a b", "UnquotedText:a Whitespace:  UnquotedText:b")]
    [InlineData("a += [b]", "UnquotedText:a Whitespace:  PlusEquals:+= Whitespace:  OpenBracket:[ UnquotedText:b CloseBracket:]")]
    [InlineData("x # c\ny", "UnquotedText:x Whitespace:  Newline:\n UnquotedText:y")]
    [InlineData("\"\"\"a\"b\"\"\"\"", "QuotedString:a\"b\"")]
    [InlineData("${?a.b}", "Substitution:${?a.b}")]
    public void Tokenize_SplitsAsTheSpecSays(string text, string expected)
    {
        var tokens = new Tokenizer(text, "t").Tokenize();

        Assert.Equal(TokenKind.EndOfFile, tokens[^1].Kind);
        Assert.Equal(expected, string.Join(" ", tokens.SkipLast(1).Select(t => $"{t.Kind}:{t.Text}")));
    }

    [Fact]
    public void Tokenize_Substitution_CarriesItsPathTokensAndOptionalFlag()
    {
        var token = new Tokenizer("${? a.\"b.c\" }", "t").Tokenize()[0];

        Assert.True(token.Optional);
        Assert.Equal("Whitespace UnquotedText QuotedString Whitespace", string.Join(" ", token.Inner!.Select(t => t.Kind)));
    }

    [Fact]
    public void Tokenize_TracksLinesAndColumns()
    {
        var tokens = new Tokenizer("a\n  bc = 1", "t").Tokenize();

        var bc = tokens.Single(t => t.Text == "bc");
        Assert.Equal((2, 3), (bc.Line, bc.Column));
        Assert.Equal(new ConfigOrigin("t", 2, 3), bc.Origin);
    }

    [Theory]
    [InlineData('\u00A0', true)]
    [InlineData('\u2007', true)]
    [InlineData('\u202F', true)]
    [InlineData('\u2028', true)]
    [InlineData('\u2029', true)]
    [InlineData('\uFEFF', true)]
    [InlineData('\u001C', true)]
    [InlineData('\u001F', true)]
    [InlineData('\v', true)]
    [InlineData('\f', true)]
    [InlineData('x', false)]
    [InlineData('\u0085', false)]
    [InlineData('\u200B', false)]
    public void IsWhitespace_FollowsTheSpecsDefinition(char c, bool expected)
    {
        Assert.Equal(expected, Tokenizer.IsWhitespace(c));
    }
}
