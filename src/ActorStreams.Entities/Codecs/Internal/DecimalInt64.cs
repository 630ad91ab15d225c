namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>
/// Parses the canonical decimal text of a <see cref="long"/> (what <c>long.ToString()</c> writes: an optional
/// <c>-</c> then ASCII digits, leading zeros tolerated) from UTF-8; no sign <c>+</c>, spaces, separators or overflow.
/// </summary>
internal static class DecimalInt64
{
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var negative = !text.IsEmpty && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty)
        {
            return false;
        }

        // Accumulate the magnitude as ulong: long.MinValue's magnitude does not fit in a long.
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        ulong magnitude = 0;
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9 || magnitude > (limit - digit) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }
}
