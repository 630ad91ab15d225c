using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon;

/// <summary>
/// Parses HOCON sizes in bytes: a number and an optional unit. As in Lightbend's implementation,
/// <c>kB</c>, <c>MB</c>, <c>GB</c>... and <c>kilobytes</c>, <c>megabytes</c>... are powers of 10, while
/// <c>K</c>/<c>k</c>/<c>Ki</c>/<c>KiB</c>, <c>M</c>/<c>m</c>/<c>Mi</c>/<c>MiB</c>... and
/// <c>kibibytes</c>, <c>mebibytes</c>... are powers of 2; <c>B</c>, <c>b</c>, <c>byte</c>, <c>bytes</c>
/// or no unit mean bytes. Fractions of a byte are truncated; negative sizes are rejected.
/// </summary>
public static class HoconSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>Parses a size in bytes.</summary>
    /// <param name="text">The size text, such as <c>64MiB</c>, <c>10 MB</c> or <c>512</c>.</param>
    /// <returns>The number of bytes.</returns>
    /// <exception cref="FormatException">The text is not a size; the message says why.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value, out var error) ? value : throw new FormatException($"\"{text}\" is not a size in bytes: {error}");
    }

    /// <summary>Parses a size in bytes without throwing.</summary>
    /// <param name="text">The size text.</param>
    /// <param name="value">The number of bytes when this returns true.</param>
    /// <returns>True when <paramref name="text"/> is a valid size.</returns>
    public static bool TryParse(string? text, out long value) => TryParse(text ?? string.Empty, out value, out _);

    internal static bool TryParse(string text, out long value, out string error)
    {
        value = 0;
        if (!UnitValue.TrySplit(text, out var number, out var unit, out error))
        {
            return false;
        }

        if (!BytesPerUnit.TryGetValue(unit, out var multiplier))
        {
            error = $"unknown size unit \"{unit}\" (use B, kB/MB/GB/TB for powers of 10, or K/M/G/T, KiB/MiB/GiB/TiB for powers of 2)";
            return false;
        }

        return FromBytes(number, multiplier, out value, out error);
    }

    /// <summary>A bare number is bytes.</summary>
    internal static bool FromBytes(decimal number, decimal multiplier, out long value, out string error)
    {
        value = 0;
        if (number < 0)
        {
            error = "a size cannot be negative";
            return false;
        }

        decimal bytes;
        try
        {
            bytes = decimal.Truncate(number * multiplier);
        }
        catch (OverflowException)
        {
            bytes = decimal.MaxValue;
        }

        if (bytes > long.MaxValue)
        {
            error = "the size is out of range (more than 2^63-1 bytes)";
            return false;
        }

        value = (long)bytes;
        error = string.Empty;
        return true;
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [string.Empty] = 1,
            ["B"] = 1,
            ["b"] = 1,
            ["byte"] = 1,
            ["bytes"] = 1,
        };
        string[] decimalPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        decimal powerOf10 = 1;
        decimal powerOf2 = 1;
        for (var i = 0; i < decimalPrefixes.Length; i++)
        {
            powerOf10 *= 1000;
            powerOf2 *= 1024;
            var upper = decimalPrefixes[i].ToUpperInvariant();
            var lower = upper.ToLowerInvariant();
            units[decimalPrefixes[i] + "B"] = powerOf10;
            units[decimalNames[i] + "byte"] = powerOf10;
            units[decimalNames[i] + "bytes"] = powerOf10;
            units[upper] = powerOf2;
            units[lower] = powerOf2;
            units[upper + "i"] = powerOf2;
            units[upper + "iB"] = powerOf2;
            units[binaryNames[i] + "byte"] = powerOf2;
            units[binaryNames[i] + "bytes"] = powerOf2;
        }

        return units;
    }
}
