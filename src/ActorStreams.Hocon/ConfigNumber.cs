using System.Globalization;

namespace ActorStreams.Hocon;

/// <summary>
/// A number, kept as written (<see cref="Text"/>) so value concatenation and JSON output reproduce it
/// exactly, with its numeric value available as a 64-bit integer when it is integral or as a double.
/// </summary>
public sealed class ConfigNumber : ConfigValue
{
    private readonly long _integer;
    private readonly double _double;

    internal ConfigNumber(string text, ConfigOrigin? origin)
        : base(origin)
    {
        Text = text;
        if (IsIntegerSyntax(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _integer))
        {
            IsInteger = true;
            _double = _integer;
        }
        else
        {
            _double = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public override ConfigValueType ValueType => ConfigValueType.Number;

    /// <summary>The number exactly as it was written, for example <c>1e5</c> or <c>42.10</c>.</summary>
    public string Text { get; }

    /// <summary>True when the number was written as an integer (no fraction or exponent) that fits in a <see cref="long"/>.</summary>
    public bool IsInteger { get; }

    /// <summary>The value as a double (integers beyond 2^53 lose precision).</summary>
    public double ToDouble() => _double;

    /// <summary>Gets the value as a 64-bit integer when it is integral and in range (so <c>1e3</c> gives 1000, <c>1.5</c> fails).</summary>
    /// <param name="value">The integer value when this returns true.</param>
    /// <returns>True when the number is an integer that fits in a <see cref="long"/>.</returns>
    public bool TryGetInt64(out long value)
    {
        if (IsInteger)
        {
            value = _integer;
            return true;
        }

        // 2^63 itself is representable as a double but not as a long, hence the strict upper bound.
        if (Math.Floor(_double) == _double && _double >= long.MinValue && _double < 9.2233720368547758E18)
        {
            value = (long)_double;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>True when <paramref name="text"/> is a JSON number (the only number syntax HOCON accepts).</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        return i == text.Length;
    }

    private static bool IsIntegerSyntax(string text)
    {
        foreach (var c in text)
        {
            if (c is '.' or 'e' or 'E')
            {
                return false;
            }
        }

        return true;
    }
}
