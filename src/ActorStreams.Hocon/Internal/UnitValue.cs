using System.Globalization;

namespace ActorStreams.Hocon.Internal;

/// <summary>Splits "optional whitespace, number, optional whitespace, optional unit letters" as the HOCON units format says.</summary>
internal static class UnitValue
{
    public static bool TrySplit(string text, out decimal number, out string unit, out string error)
    {
        number = 0;
        var trimmed = text.AsSpan().Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }

        unit = trimmed[unitStart..].ToString();
        var numberText = trimmed[..unitStart].TrimEnd();
        if (numberText.IsEmpty)
        {
            error = "there is no number";
            return false;
        }

        if (!IsPlainNumber(numberText))
        {
            error = $"'{numberText}' is not a number";
            return false;
        }

        try
        {
            number = decimal.Parse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            error = "the number is out of range";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>A JSON number, optionally with a leading '+', or with a fraction that omits its leading zero.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] == '+')
        {
            text = text[1..];
        }

        if (ConfigNumber.IsJsonNumber(text))
        {
            return true;
        }

        // ".5" and "-.5" are accepted as in Lightbend's implementation.
        var negative = text.Length > 0 && text[0] == '-';
        var rest = negative ? text[1..] : text;
        return rest.Length > 1 && rest[0] == '.' && ConfigNumber.IsJsonNumber(string.Concat("0", rest));
    }
}
