namespace ActorStreams.Hocon.Internal;

/// <summary>The kinds of HOCON tokens. Comments never become tokens; the newline that ends them does.</summary>
internal enum TokenKind
{
    EndOfFile,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Number,
    True,
    False,
    Null,
    Substitution,
}
