using System.Text;

namespace ActorStreams.Hocon.Internal;

/// <summary>
/// One token with its position. <see cref="Text"/> is the decoded string of a quoted string, the source
/// text of anything else; a substitution carries its path tokens in <see cref="Inner"/>.
/// </summary>
internal sealed class Token
{
    private ConfigOrigin? _origin;

    public Token(TokenKind kind, string text, string source, int line, int column)
    {
        Kind = kind;
        Text = text;
        Source = source;
        Line = line;
        Column = column;
    }

    public TokenKind Kind { get; }

    public string Text { get; }

    public string Source { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>For a substitution: <c>${?...}</c> rather than <c>${...}</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>For a substitution: the tokens of its path expression.</summary>
    public IReadOnlyList<Token>? Inner { get; init; }

    public ConfigOrigin Origin => _origin ??= new ConfigOrigin(Source, Line, Column);

    /// <summary>Describes a token for an error message: <c>end of file</c>, <c>','</c>, <c>"text"</c>...</summary>
    public static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Newline => "a newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Comma => "','",
        TokenKind.Colon => "':'",
        TokenKind.Equals => "'='",
        TokenKind.PlusEquals => "'+='",
        TokenKind.OpenBrace => "'{'",
        TokenKind.CloseBrace => "'}'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.QuotedString => Quote(token.Text),
        TokenKind.Number => $"the number {token.Text}",
        TokenKind.Substitution => token.Text,
        _ => $"'{Shorten(token.Text)}'",
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder();
        JsonRenderer.AppendQuoted(builder, Shorten(text));
        return builder.ToString();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
