using System.Text;

namespace ActorStreams.Hocon.Internal;

/// <summary>An immutable sequence of keys leading from the root object to a value.</summary>
internal sealed class HoconPath : IEquatable<HoconPath>
{
    public static readonly HoconPath Root = new([]);

    private readonly string[] _segments;
    private int _hash;

    private HoconPath(string[] segments)
    {
        _segments = segments;
    }

    public int Length => _segments.Length;

    public string this[int index] => _segments[index];

    public IReadOnlyList<string> Segments => _segments;

    public static HoconPath Of(IReadOnlyList<string> segments) => segments.Count == 0 ? Root : new([.. segments]);

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c>; throws <see cref="ConfigException"/> when it is invalid.</summary>
    public static HoconPath Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var origin = new ConfigOrigin($"path expression '{expression}'", 1, 1);
        try
        {
            var tokens = new Tokenizer(expression, origin.Description).Tokenize();
            var end = tokens.Count - 1;
            for (var i = 0; i < end; i++)
            {
                if (!Tokenizer.IsPathToken(tokens[i].Kind))
                {
                    throw new ConfigException($"invalid path expression '{expression}': {Token.Describe(tokens[i])} is not allowed in a path (quote the key)");
                }
            }

            return FromTokens(tokens, 0, end, origin);
        }
        catch (ConfigParseException e)
        {
            throw new ConfigException($"invalid path expression '{expression}': {e.Problem}", null, e);
        }
    }

    /// <summary>Builds a path from key or substitution tokens: dots outside quotes separate keys.</summary>
    public static HoconPath FromTokens(IReadOnlyList<Token> tokens, int start, int end, ConfigOrigin origin)
    {
        while (start < end && tokens[start].Kind == TokenKind.Whitespace)
        {
            start++;
        }

        while (end > start && tokens[end - 1].Kind == TokenKind.Whitespace)
        {
            end--;
        }

        if (start == end)
        {
            throw new ConfigParseException(origin, "the path is empty");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.QuotedString)
            {
                current.Append(token.Text);
                hasContent = true;
                continue;
            }

            foreach (var c in token.Text)
            {
                if (c != '.')
                {
                    current.Append(c);
                    hasContent = true;
                    continue;
                }

                if (!hasContent)
                {
                    throw new ConfigParseException(token.Origin, segments.Count == 0
                        ? "a path may not start with '.' (quote a key that contains dots, or an empty key as \"\")"
                        : "a path may not contain an empty key between two dots (quote an empty key as \"\")");
                }

                segments.Add(current.ToString());
                current.Clear();
                hasContent = false;
            }
        }

        if (!hasContent)
        {
            throw new ConfigParseException(tokens[end - 1].Origin, "a path may not end with '.' (quote a key that contains dots)");
        }

        segments.Add(current.ToString());
        return new HoconPath([.. segments]);
    }

    public HoconPath Child(string key) => new([.. _segments, key]);

    public HoconPath Concat(HoconPath other)
    {
        if (other.Length == 0)
        {
            return this;
        }

        return Length == 0 ? other : new([.. _segments, .. other._segments]);
    }

    public HoconPath Skip(int count) => count == 0 ? this : count >= Length ? Root : new(_segments[count..]);

    public HoconPath Take(int count) => count >= Length ? this : count == 0 ? Root : new(_segments[..count]);

    public bool StartsWith(HoconPath prefix)
    {
        if (prefix.Length > Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(_segments[i], prefix._segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Joins the raw keys with dots: the name an environment-variable fallback looks up.</summary>
    public string JoinRaw() => string.Join('.', _segments);

    /// <summary>Renders the path as HOCON, quoting keys that need it.</summary>
    public string Render()
    {
        if (_segments.Length == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            AppendKey(builder, segment);
        }

        return builder.ToString();
    }

    /// <summary>Renders one key, quoted when it is empty or has characters other than letters, digits, '-' and '_'.</summary>
    public static void AppendKey(StringBuilder builder, string key)
    {
        var plain = key.Length > 0;
        foreach (var c in key)
        {
            if (!char.IsLetterOrDigit(c) && c != '-' && c != '_')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            builder.Append(key);
        }
        else
        {
            JsonRenderer.AppendQuoted(builder, key);
        }
    }

    public override string ToString() => Render();

    public bool Equals(HoconPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Length != Length || other.GetHashCode() != GetHashCode())
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (!string.Equals(_segments[i], other._segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is HoconPath other && Equals(other);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            foreach (var segment in _segments)
            {
                hash.Add(segment, StringComparer.Ordinal);
            }

            var value = hash.ToHashCode();
            _hash = value == 0 ? 1 : value;
        }

        return _hash;
    }
}
