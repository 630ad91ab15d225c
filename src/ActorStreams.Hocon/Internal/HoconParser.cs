namespace ActorStreams.Hocon.Internal;

/// <summary>
/// Recursive-descent HOCON parser. It produces unresolved nodes: every definition of a field is kept
/// (duplicate keys, path keys and includes all add layers), substitutions stay in place for the resolver.
/// </summary>
internal sealed class HoconParser
{
    private readonly List<Token> _tokens;
    private readonly ParseSource _source;
    private readonly HoconPath _basePath;
    private int _pos;

    private HoconParser(List<Token> tokens, ParseSource source, HoconPath basePath)
    {
        _tokens = tokens;
        _source = source;
        _basePath = basePath;
    }

    /// <summary>Parses a document whose root must be an object. <paramref name="basePath"/> is the include point (root for a top-level file).</summary>
    public static ObjectNode Parse(string text, ParseSource source, HoconPath basePath)
    {
        var tokens = new Tokenizer(text, source.Description).Tokenize();
        return new HoconParser(tokens, source, basePath).ParseRoot();
    }

    /// <summary>
    /// Parses text that is exactly one literal value (number, boolean, null, quoted string, array or
    /// object, without substitutions or concatenation); returns null for anything else.
    /// </summary>
    public static Node? TryParseSingleValue(string text, string description)
    {
        try
        {
            var tokens = new Tokenizer(text, description).Tokenize();
            var parser = new HoconParser(tokens, ParseSource.ForString(description, ConfigParseOptions.Default), HoconPath.Root);
            parser.SkipWhitespace();
            var start = parser.Peek().Kind;
            if (start is not (TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null
                or TokenKind.QuotedString or TokenKind.OpenBracket or TokenKind.OpenBrace))
            {
                return null;
            }

            var value = parser.ParseValue(HoconPath.Root);
            parser.SkipWhitespace();
            return value is null or ConcatenationNode or WhitespaceNode || parser.Peek().Kind != TokenKind.EndOfFile
                || ContainsSubstitution(value)
                ? null
                : value;
        }
        catch (ConfigParseException)
        {
            // Not a HOCON value: the caller keeps the text as a plain string, which is the documented behaviour.
            return null;
        }
    }

    public static bool ContainsSubstitution(Node node) => node switch
    {
        SubstitutionNode or ConcatenationNode => true,
        ObjectNode o => o.Fields.Values.Any(layers => layers.Exists(ContainsSubstitution)),
        ArrayNode a => a.Elements.Exists(ContainsSubstitution),
        _ => false,
    };

    private Token Peek() => _tokens[_pos];

    private Token Next()
    {
        var token = _tokens[_pos];
        if (token.Kind != TokenKind.EndOfFile)
        {
            _pos++;
        }

        return token;
    }

    private void SkipWhitespace()
    {
        while (_tokens[_pos].Kind == TokenKind.Whitespace)
        {
            _pos++;
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (_tokens[_pos].Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _pos++;
        }
    }

    private static ConfigParseException Error(Token at, string problem) => new(at.Origin, problem);

    private ObjectNode ParseRoot()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Kind == TokenKind.OpenBracket)
        {
            throw Error(first, $"expected an object at the root of {_source.Description}, got an array (a configuration, and any file it includes, must be an object)");
        }

        if (first.Kind != TokenKind.OpenBrace)
        {
            return ParseObject(braced: false, _basePath, first);
        }

        var root = ParseObject(braced: true, _basePath, Next());
        SkipWhitespaceAndNewlines();
        var after = Peek();
        if (after.Kind != TokenKind.EndOfFile)
        {
            throw Error(after, $"expected end of file after the root object that closed before it, got {Token.Describe(after)}");
        }

        return root;
    }

    private ObjectNode ParseObject(bool braced, HoconPath path, Token open)
    {
        // When braced, the '{' (open) has already been consumed.
        var obj = new ObjectNode(open.Origin);
        var afterComma = false;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.CloseBrace when braced:
                    Next();
                    return obj;
                case TokenKind.CloseBrace:
                    throw Error(token, "unbalanced '}': the root object has no opening '{' (the file does not start with '{')");
                case TokenKind.EndOfFile when braced:
                    throw Error(token, $"expected '}}' to close the object started at {open.Line}:{open.Column}, got end of file");
                case TokenKind.EndOfFile:
                    return obj;
                case TokenKind.Comma:
                    throw Error(token, afterComma
                        ? "two commas in a row: expected a key or '}' after ','"
                        : "expected a key or '}', got ',' (a comma may only follow a field)");
            }

            var key = token.Kind == TokenKind.UnquotedText && token.Text == "include"
                ? ParseInclude(obj, path)
                : ParseField(obj, path);

            SkipWhitespace();
            var separator = Peek();
            afterComma = false;
            switch (separator.Kind)
            {
                case TokenKind.Comma:
                    Next();
                    afterComma = true;
                    break;
                case TokenKind.Newline or TokenKind.CloseBrace or TokenKind.EndOfFile:
                    break;
                default:
                    throw Error(separator, $"expected ',', a newline or '}}' after the value of {key}, got {Token.Describe(separator)}");
            }
        }
    }

    private string ParseField(ObjectNode obj, HoconPath path)
    {
        var start = _pos;
        while (Tokenizer.IsPathToken(Peek().Kind))
        {
            _pos++;
        }

        if (start == _pos)
        {
            var bad = Peek();
            throw Error(bad, bad.Kind == TokenKind.Substitution
                ? "substitutions are not allowed in keys"
                : $"expected a key, got {Token.Describe(bad)}");
        }

        if (Peek().Kind == TokenKind.Substitution)
        {
            throw Error(Peek(), "substitutions are not allowed in keys");
        }

        var keyToken = _tokens[start];
        var keyPath = HoconPath.FromTokens(_tokens, start, _pos, keyToken.Origin);
        var rendered = keyPath.Render();
        var key = rendered.StartsWith('"') ? rendered : $"'{rendered}'";
        SkipWhitespaceAndNewlines();
        var separator = Peek();
        var fieldPath = path.Concat(keyPath);
        Node value;
        switch (separator.Kind)
        {
            case TokenKind.Colon or TokenKind.Equals:
                Next();
                SkipWhitespaceAndNewlines();
                value = ParseRequiredValue(fieldPath, key);
                break;
            case TokenKind.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                var element = ParseRequiredValue(fieldPath, key);
                // a += v is sugar for a = ${?a} [v]
                var previous = new SubstitutionNode(separator.Origin, fieldPath, optional: true, _basePath.Length, $"${{?{fieldPath.Skip(_basePath.Length).Render()}}}");
                value = new ConcatenationNode(separator.Origin, [previous, new ArrayNode(element.Origin, [element])]);
                break;
            case TokenKind.OpenBrace:
                value = ParseRequiredValue(fieldPath, key);
                break;
            default:
                throw Error(separator, $"expected ':', '=', '+=' or '{{' after the key {key}, got {Token.Describe(separator)}");
        }

        for (var i = keyPath.Length - 1; i > 0; i--)
        {
            var wrapper = new ObjectNode(keyToken.Origin);
            wrapper.Add(keyPath[i], value);
            value = wrapper;
        }

        obj.Add(keyPath[0], value);
        return key;
    }

    private Node ParseRequiredValue(HoconPath path, string key)
    {
        var at = Peek();
        return ParseValue(path) ?? throw Error(at, $"expected a value for {key}, got {Token.Describe(at)}");
    }

    /// <summary>Parses a value concatenation: values separated only by non-newline whitespace.</summary>
    private Node? ParseValue(HoconPath path)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(Peek(), "objects and arrays are nested too deeply");
        }

        List<Node>? pieces = null;
        Node? single = null;
        Token? pendingWhitespace = null;
        while (true)
        {
            var token = Peek();
            Node piece;
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    pendingWhitespace = token;
                    _pos++;
                    continue;
                case TokenKind.OpenBrace:
                    Next();
                    piece = ParseObject(braced: true, path, token);
                    break;
                case TokenKind.OpenBracket:
                    piece = ParseArray(path);
                    break;
                case TokenKind.QuotedString or TokenKind.UnquotedText:
                    Next();
                    piece = new ValueNode(new ConfigString(token.Text, token.Origin));
                    break;
                case TokenKind.Number:
                    Next();
                    piece = new ValueNode(new ConfigNumber(token.Text, token.Origin));
                    break;
                case TokenKind.True or TokenKind.False:
                    Next();
                    piece = new ValueNode(new ConfigBoolean(token.Kind == TokenKind.True, token.Origin));
                    break;
                case TokenKind.Null:
                    Next();
                    piece = new ValueNode(new ConfigNull(token.Origin));
                    break;
                case TokenKind.Substitution:
                    Next();
                    piece = MakeSubstitution(token);
                    break;
                default:
                    if (pieces is null)
                    {
                        return single;
                    }

                    return Concatenation.Build(pieces);
            }

            if (single is null)
            {
                single = piece;
            }
            else
            {
                pieces ??= [single];
                if (pendingWhitespace is not null)
                {
                    pieces.Add(new WhitespaceNode(pendingWhitespace.Text, pendingWhitespace.Origin));
                }

                pieces.Add(piece);
            }

            pendingWhitespace = null;
        }
    }

    private SubstitutionNode MakeSubstitution(Token token)
    {
        var inner = token.Inner!;
        if (inner.All(t => t.Kind == TokenKind.Whitespace))
        {
            throw Error(token, $"the substitution {token.Text} has no path");
        }

        var written = HoconPath.FromTokens(inner, 0, inner.Count, token.Origin);
        return new SubstitutionNode(token.Origin, _basePath.Concat(written), token.Optional, _basePath.Length, token.Text);
    }

    private ArrayNode ParseArray(HoconPath path)
    {
        var open = Next();
        var elements = new List<Node>();
        var afterComma = false;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.CloseBracket:
                    Next();
                    return new ArrayNode(open.Origin, elements);
                case TokenKind.EndOfFile:
                    throw Error(token, $"expected ']' to close the array started at {open.Line}:{open.Column}, got end of file");
                case TokenKind.Comma:
                    throw Error(token, afterComma
                        ? "two commas in a row: expected an array element or ']' after ','"
                        : "expected an array element or ']', got ',' (a comma may only follow an element)");
            }

            elements.Add(ParseValue(path) ?? throw Error(token, $"expected an array element or ']', got {Token.Describe(token)}"));
            SkipWhitespace();
            var separator = Peek();
            afterComma = false;
            switch (separator.Kind)
            {
                case TokenKind.Comma:
                    Next();
                    afterComma = true;
                    break;
                case TokenKind.Newline or TokenKind.CloseBracket or TokenKind.EndOfFile:
                    break;
                default:
                    throw Error(separator, $"expected ',', a newline or ']' after an array element, got {Token.Describe(separator)}");
            }
        }
    }

    private string ParseInclude(ObjectNode obj, HoconPath path)
    {
        var include = Next();
        SkipWhitespaceAndNewlines();
        var required = false;
        var kind = IncludeKind.Heuristic;
        var parentheses = 0;
        var token = Next();
        if (token.Kind == TokenKind.UnquotedText)
        {
            var text = token.Text;
            if (text.StartsWith("required(", StringComparison.Ordinal))
            {
                required = true;
                parentheses++;
                text = text["required(".Length..];
                if (text.Length == 0)
                {
                    SkipWhitespace();
                    token = Next();
                    text = token.Text;
                }
            }

            if (token.Kind == TokenKind.UnquotedText)
            {
                kind = text switch
                {
                    "file(" => IncludeKind.File,
                    "classpath(" => IncludeKind.Classpath,
                    "url(" => IncludeKind.Url,
                    _ => throw BadInclude(token),
                };
                parentheses++;
                SkipWhitespace();
                token = Next();
            }
        }

        if (token.Kind != TokenKind.QuotedString)
        {
            throw BadInclude(token);
        }

        var name = token.Text;
        while (parentheses > 0)
        {
            SkipWhitespace();
            var close = Next();
            if (close.Kind != TokenKind.UnquotedText || close.Text[0] != ')')
            {
                throw Error(close, $"expected ')' to close the include of \"{name}\", got {Token.Describe(close)}");
            }

            foreach (var c in close.Text)
            {
                if (c != ')' || parentheses == 0)
                {
                    throw Error(close, $"unexpected {Token.Describe(close)} after the include of \"{name}\"");
                }

                parentheses--;
            }
        }

        var included = Includer.Include(kind, name, required, include.Origin, _source, path);
        if (included is not null)
        {
            obj.AddAll(included);
        }

        return $"'include \"{name}\"'";
    }

    private static ConfigParseException BadInclude(Token token) => Error(token,
        $"expected a quoted name, file(\"...\"), classpath(\"...\"), url(\"...\") or required(...) after 'include', got {Token.Describe(token)} (to use include as a key, quote it: \"include\")");
}
