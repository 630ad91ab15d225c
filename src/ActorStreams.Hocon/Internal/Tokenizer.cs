using System.Globalization;
using System.Text;

namespace ActorStreams.Hocon.Internal;

/// <summary>
/// Splits HOCON text into tokens in one pass with at most three characters of look-ahead. Comments are
/// dropped (the newline ending them stays: newlines separate fields), whitespace is kept because value
/// concatenation preserves it.
/// </summary>
internal sealed class Tokenizer
{
    private const string NumberChars = "0123456789eE+-.";

    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public Tokenizer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>Tokenizes the whole text; the last token is always <see cref="TokenKind.EndOfFile"/>.</summary>
    public List<Token> Tokenize()
    {
        var tokens = new List<Token>(Math.Max(16, _text.Length / 4));
        while (true)
        {
            var token = Next();
            if (token is null)
            {
                continue;
            }

            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile)
            {
                return tokens;
            }
        }
    }

    /// <summary>The tokens a path expression (a key or the inside of <c>${...}</c>) is made of.</summary>
    public static bool IsPathToken(TokenKind kind) => kind is TokenKind.Whitespace or TokenKind.QuotedString
        or TokenKind.UnquotedText or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null;

    /// <summary>HOCON whitespace: Unicode space, line and paragraph separators, ASCII controls 9-13 and 28-31, and the BOM.</summary>
    public static bool IsWhitespace(char c)
    {
        switch (c)
        {
            case ' ' or '\t' or '\n' or '\v' or '\f' or '\r':
            case >= '\x1C' and <= '\x1F':
            case '\uFEFF':
                return true;
            case < '\x80':
                return false;
            default:
                var category = char.GetUnicodeCategory(c);
                return category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator;
        }
    }

    /// <summary>Characters that end an unquoted string (besides whitespace and <c>//</c>).</summary>
    private static bool IsNotInUnquotedText(char c) => c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '='
        or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Advance();
        }
    }

    private Token Make(TokenKind kind, string text, int line, int column) => new(kind, text, _source, line, column);

    private ConfigParseException Error(int line, int column, string problem) => new(new ConfigOrigin(_source, line, column), problem);

    private bool IsCommentStart(char c) => c == '#' || (c == '/' && Peek(1) == '/');

    /// <summary>Reads the next token, or returns null after skipping a comment.</summary>
    private Token? Next()
    {
        var line = _line;
        var column = _column;
        if (_pos >= _text.Length)
        {
            return Make(TokenKind.EndOfFile, string.Empty, line, column);
        }

        var c = _text[_pos];
        if (c == '\n')
        {
            Advance();
            return Make(TokenKind.Newline, "\n", line, column);
        }

        if (IsWhitespace(c))
        {
            var start = _pos;
            while (_pos < _text.Length && _text[_pos] != '\n' && IsWhitespace(_text[_pos]))
            {
                Advance();
            }

            return Make(TokenKind.Whitespace, _text[start.._pos], line, column);
        }

        if (IsCommentStart(c))
        {
            while (_pos < _text.Length && _text[_pos] != '\n')
            {
                Advance();
            }

            return null;
        }

        switch (c)
        {
            case '{':
                Advance();
                return Make(TokenKind.OpenBrace, "{", line, column);
            case '}':
                Advance();
                return Make(TokenKind.CloseBrace, "}", line, column);
            case '[':
                Advance();
                return Make(TokenKind.OpenBracket, "[", line, column);
            case ']':
                Advance();
                return Make(TokenKind.CloseBracket, "]", line, column);
            case ',':
                Advance();
                return Make(TokenKind.Comma, ",", line, column);
            case ':':
                Advance();
                return Make(TokenKind.Colon, ":", line, column);
            case '=':
                Advance();
                return Make(TokenKind.Equals, "=", line, column);
            case '+' when Peek(1) == '=':
                Advance(2);
                return Make(TokenKind.PlusEquals, "+=", line, column);
            case '"':
                return ReadQuoted(line, column);
            case '$' when Peek(1) == '{':
                return ReadSubstitution(line, column);
            case '$':
                throw Error(line, column, "'$' is reserved outside quotes: it may only start a substitution ${...}; quote the string if you mean a dollar sign");
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber(line, column);
        }

        if (IsNotInUnquotedText(c))
        {
            throw Reserved(c, line, column);
        }

        return ReadUnquoted(line, column);
    }

    private ConfigParseException Reserved(char c, int line, int column) =>
        Error(line, column, $"the character '{c}' is reserved and not allowed outside quotes; put the string in double quotes");

    private Token ReadUnquoted(int line, int column)
    {
        // true, false and null are recognised only at the start of an unquoted run ("truefoo" is true then "foo").
        foreach (var (keyword, kind) in Keywords)
        {
            if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) == 0)
            {
                Advance(keyword.Length);
                return Make(kind, keyword, line, column);
            }
        }

        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (IsWhitespace(c) || IsNotInUnquotedText(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance();
        }

        return Make(TokenKind.UnquotedText, _text[start.._pos], line, column);
    }

    private static readonly (string Keyword, TokenKind Kind)[] Keywords =
    [
        ("true", TokenKind.True),
        ("false", TokenKind.False),
        ("null", TokenKind.Null),
    ];

    private Token ReadNumber(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && NumberChars.Contains(_text[_pos], StringComparison.Ordinal))
        {
            Advance();
        }

        var text = _text[start.._pos];
        if (ConfigNumber.IsJsonNumber(text))
        {
            return Make(TokenKind.Number, text, line, column);
        }

        // Not a number after all ("2024-01-31", "1.2.3", "-"): it is unquoted text, unless it holds a reserved '+'.
        for (var i = 0; i < text.Length; i++)
        {
            if (IsNotInUnquotedText(text[i]))
            {
                throw Reserved(text[i], line, column + i);
            }
        }

        return Make(TokenKind.UnquotedText, text, line, column);
    }

    private Token ReadQuoted(int line, int column)
    {
        Advance();
        if (Peek(0) == '"' && Peek(1) == '"')
        {
            Advance(2);
            return ReadTripleQuoted(line, column);
        }

        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(_line, _column, $"expected '\"' to close the quoted string started at {line}:{column}, got end of file");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                Advance();
                return Make(TokenKind.QuotedString, builder.ToString(), line, column);
            }

            if (c == '\\')
            {
                builder.Append(ReadEscape());
                continue;
            }

            if (c < ' ')
            {
                var what = c == '\n' ? "a newline" : $"the control character U+{(int)c:X4}";
                throw Error(_line, _column, $"the quoted string started at {line}:{column} contains {what}, which JSON strings do not allow: close the string, escape it (\\n, \\t, \\u{(int)c:x4}) or use a triple-quoted \"\"\"string\"\"\"");
            }

            builder.Append(c);
            Advance();
        }
    }

    private char ReadEscape()
    {
        var line = _line;
        var column = _column;
        Advance();
        if (_pos >= _text.Length)
        {
            throw Error(line, column, "a backslash at the end of the file: the quoted string is not closed");
        }

        var e = _text[_pos];
        Advance();
        switch (e)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (_pos + 4 <= _text.Length
                    && int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    Advance(4);
                    return (char)code;
                }

                throw Error(line, column, "'\\u' must be followed by exactly four hexadecimal digits");
            default:
                throw Error(line, column, $"invalid escape '\\{e}' in a quoted string (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)");
        }
    }

    private Token ReadTripleQuoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // Any run of three or more quotes closes the string; quotes beyond the last three belong to it.
                var end = _pos;
                var run = 0;
                while (_pos < _text.Length && _text[_pos] == '"')
                {
                    run++;
                    Advance();
                }

                var content = string.Concat(_text.AsSpan(start, end - start), new string('"', run - 3));
                return Make(TokenKind.QuotedString, content, line, column);
            }

            Advance();
        }

        throw Error(_line, _column, $"expected '\"\"\"' to close the triple-quoted string started at {line}:{column}, got end of file");
    }

    private Token ReadSubstitution(int line, int column)
    {
        var start = _pos;
        Advance(2);
        var optional = false;
        if (Peek(0) == '?')
        {
            optional = true;
            Advance();
        }

        var inner = new List<Token>();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(_line, _column, $"expected '}}' to close the substitution started at {line}:{column}, got end of file");
            }

            var c = _text[_pos];
            if (c == '}')
            {
                Advance();
                break;
            }

            if (c == '\n')
            {
                throw Error(_line, _column, $"expected '}}' to close the substitution started at {line}:{column}, got a newline");
            }

            if (IsCommentStart(c))
            {
                throw Error(_line, _column, $"expected '}}' to close the substitution started at {line}:{column}, got a comment");
            }

            if (c == '$')
            {
                throw Error(_line, _column, "substitutions cannot be nested inside a substitution's path");
            }

            var token = Next()!;
            if (!IsPathToken(token.Kind))
            {
                throw new ConfigParseException(token.Origin, $"expected '}}' to close the substitution started at {line}:{column}, got {Token.Describe(token)}");
            }

            inner.Add(token);
        }

        return new Token(TokenKind.Substitution, _text[start.._pos], _source, line, column)
        {
            Optional = optional,
            Inner = inner,
        };
    }
}
