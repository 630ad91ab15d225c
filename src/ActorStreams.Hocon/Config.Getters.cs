using System.Globalization;
using System.Text;
using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon;

/// <summary>Typed getters with HOCON's automatic conversions (numeric strings, yes/no/on/off, units).</summary>
public sealed partial class Config
{
    private const string BooleanWords = "a boolean (true/false, yes/no or on/off)";

    /// <summary>True when <paramref name="path"/> is defined and not null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>Whether a non-null value exists at the path.</returns>
    public bool HasPath(string path) => Find(path, out _, throwThroughNonObject: false) is not (null or ConfigNull);

    /// <summary>The value at <paramref name="path"/>, of any type (including <see cref="ConfigNull"/>).</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConfigMissingException">The path is not defined.</exception>
    public ConfigValue GetValue(string path) => Require(path, out _);

    /// <summary>A string; numbers and booleans are converted to their text.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The string.</returns>
    public string GetString(string path)
    {
        var value = Require(path, out var full);
        return AsString(value, full);
    }

    /// <summary>A string, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <param name="defaultValue">The value to use when the key is missing or null.</param>
    /// <returns>The string.</returns>
    public string GetString(string path, string defaultValue) =>
        Find(path, out var parsed) is { } value and not ConfigNull ? AsString(value, FullPath(parsed)) : defaultValue;

    /// <summary>A boolean; the strings true/false, yes/no and on/off (any case) are converted.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The boolean.</returns>
    public bool GetBoolean(string path)
    {
        var value = Require(path, out var full);
        return AsBoolean(value, full);
    }

    /// <summary>A boolean, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <param name="defaultValue">The value to use when the key is missing or null.</param>
    /// <returns>The boolean.</returns>
    public bool GetBoolean(string path, bool defaultValue) =>
        Find(path, out var parsed) is { } value and not ConfigNull ? AsBoolean(value, FullPath(parsed)) : defaultValue;

    /// <summary>A 32-bit integer; numeric strings are converted, fractions and out-of-range values are errors.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The integer.</returns>
    public int GetInt(string path)
    {
        var value = Require(path, out var full);
        return (int)AsInteger(value, full, int.MinValue, int.MaxValue);
    }

    /// <summary>A 32-bit integer, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <param name="defaultValue">The value to use when the key is missing or null.</param>
    /// <returns>The integer.</returns>
    public int GetInt(string path, int defaultValue) =>
        Find(path, out var parsed) is { } value and not ConfigNull ? (int)AsInteger(value, FullPath(parsed), int.MinValue, int.MaxValue) : defaultValue;

    /// <summary>A 64-bit integer; numeric strings are converted, fractions and out-of-range values are errors.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The integer.</returns>
    public long GetLong(string path)
    {
        var value = Require(path, out var full);
        return AsInteger(value, full, long.MinValue, long.MaxValue);
    }

    /// <summary>A 64-bit integer, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <param name="defaultValue">The value to use when the key is missing or null.</param>
    /// <returns>The integer.</returns>
    public long GetLong(string path, long defaultValue) =>
        Find(path, out var parsed) is { } value and not ConfigNull ? AsInteger(value, FullPath(parsed), long.MinValue, long.MaxValue) : defaultValue;

    /// <summary>A double; numeric strings are converted.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The number.</returns>
    public double GetDouble(string path)
    {
        var value = Require(path, out var full);
        return AsNumber(value, full, "a number").ToDouble();
    }

    /// <summary>A double, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <param name="defaultValue">The value to use when the key is missing or null.</param>
    /// <returns>The number.</returns>
    public double GetDouble(string path, double defaultValue) =>
        Find(path, out var parsed) is { } value and not ConfigNull ? AsNumber(value, FullPath(parsed), "a number").ToDouble() : defaultValue;

    /// <summary>A duration: a string such as <c>10s</c> (see <see cref="HoconDuration"/>) or a number of milliseconds.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The duration.</returns>
    public TimeSpan GetTimeSpan(string path)
    {
        var value = Require(path, out var full);
        return AsTimeSpan(value, full);
    }

    /// <summary>A duration, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <param name="defaultValue">The value to use when the key is missing or null.</param>
    /// <returns>The duration.</returns>
    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) =>
        Find(path, out var parsed) is { } value and not ConfigNull ? AsTimeSpan(value, FullPath(parsed)) : defaultValue;

    /// <summary>A size in bytes: a string such as <c>64MiB</c> (see <see cref="HoconSize"/>) or a number of bytes.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The number of bytes.</returns>
    public long GetBytes(string path)
    {
        var value = Require(path, out var full);
        return AsBytes(value, full);
    }

    /// <summary>A size in bytes, or <paramref name="defaultValue"/> when the path is missing or null.</summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <param name="defaultValue">The value to use when the key is missing or null.</param>
    /// <returns>The number of bytes.</returns>
    public long GetBytes(string path, long defaultValue) =>
        Find(path, out var parsed) is { } value and not ConfigNull ? AsBytes(value, FullPath(parsed)) : defaultValue;

    /// <summary>
    /// The object at <paramref name="path"/> as a configuration that remembers its path, so its own errors
    /// name full paths (<c>actorstreams.kafka.bootstrap</c>, not <c>bootstrap</c>).
    /// </summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The sub-configuration.</returns>
    public Config GetConfig(string path)
    {
        var value = Require(path, out _);
        var parsed = HoconPath.Parse(path);
        return value is ConfigObject obj
            ? new Config(obj, _prefix.Concat(parsed))
            : throw WrongType(FullPath(parsed), value, "an object");
    }

    /// <summary>
    /// A list of strings (numbers and booleans converted). An object with integer keys (<c>{ "0": a, "1": b }</c>,
    /// as environment overrides produce) is read as a list in key order.
    /// </summary>
    /// <param name="path">A HOCON path expression.</param>
    /// <returns>The strings.</returns>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var value = Require(path, out var full);
        var list = AsList(value, full);
        var result = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            result[i] = AsString(list[i], $"{full}[{i}]");
        }

        return result;
    }

    private ConfigValue? Find(string path, out HoconPath parsed, bool throwThroughNonObject = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = RequireResolved();
        parsed = HoconPath.Parse(path);
        ConfigValue current = root;
        for (var i = 0; i < parsed.Length; i++)
        {
            if (current is ConfigNull)
            {
                return null;
            }

            if (current is not ConfigObject obj)
            {
                if (!throwThroughNonObject)
                {
                    return null;
                }

                var parent = FullPath(parsed.Take(i));
                throw new ConfigWrongTypeException(parent, $"{parent} must be an object to read {FullPath(parsed)}, got {Describe(current)}{At(current)}", current.Origin);
            }

            if (!obj.TryGetValue(parsed[i], out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private ConfigValue Require(string path, out string fullPath)
    {
        var value = Find(path, out var parsed);
        fullPath = FullPath(parsed);
        return value ?? throw new ConfigMissingException(fullPath);
    }

    private string FullPath(HoconPath relative) => _prefix.Concat(relative).Render();

    private static string AsString(ConfigValue value, string path) => value switch
    {
        ConfigString s => s.Value,
        ConfigNumber n => n.Text,
        ConfigBoolean b => b.Value ? "true" : "false",
        _ => throw WrongType(path, value, "a string"),
    };

    private static bool AsBoolean(ConfigValue value, string path)
    {
        switch (value)
        {
            case ConfigBoolean b:
                return b.Value;
            case ConfigString s:
                switch (s.Value.Trim().ToLowerInvariant())
                {
                    case "true" or "yes" or "on":
                        return true;
                    case "false" or "no" or "off":
                        return false;
                }

                throw BadValue(path, value, BooleanWords, null);
            default:
                throw WrongType(path, value, BooleanWords);
        }
    }

    private static ConfigNumber AsNumber(ConfigValue value, string path, string expected)
    {
        switch (value)
        {
            case ConfigNumber n:
                return n;
            case ConfigString s:
                var text = s.Value.Trim();
                return ConfigNumber.IsJsonNumber(text) ? new ConfigNumber(text, s.Origin) : throw BadValue(path, value, expected, null);
            default:
                throw WrongType(path, value, expected);
        }
    }

    private static long AsInteger(ConfigValue value, string path, long min, long max)
    {
        var number = AsNumber(value, path, "an integer");
        if (number.TryGetInt64(out var integer))
        {
            return integer >= min && integer <= max ? integer : throw BadValue(path, value, $"an integer between {min} and {max}", null);
        }

        var isWhole = Math.Floor(number.ToDouble()) == number.ToDouble();
        throw BadValue(path, value, isWhole ? $"an integer between {min} and {max}" : "an integer", null);
    }

    private static TimeSpan AsTimeSpan(ConfigValue value, string path)
    {
        string error;
        switch (value)
        {
            case ConfigNumber n:
                if (HoconDuration.FromMilliseconds(decimal.Parse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture), out var milliseconds, out error))
                {
                    return milliseconds;
                }

                break;
            case ConfigString s:
                if (HoconDuration.TryParse(s.Value, out var duration, out error))
                {
                    return duration;
                }

                break;
            default:
                throw WrongType(path, value, "a duration");
        }

        throw BadValue(path, value, "a duration", error);
    }

    private static long AsBytes(ConfigValue value, string path)
    {
        string error;
        switch (value)
        {
            case ConfigNumber n:
                if (HoconSize.FromBytes(decimal.Parse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture), 1, out var bytes, out error))
                {
                    return bytes;
                }

                break;
            case ConfigString s:
                if (HoconSize.TryParse(s.Value, out var size, out error))
                {
                    return size;
                }

                break;
            default:
                throw WrongType(path, value, "a size in bytes");
        }

        throw BadValue(path, value, "a size in bytes", error);
    }

    private static IReadOnlyList<ConfigValue> AsList(ConfigValue value, string path)
    {
        if (value is ConfigList list)
        {
            return list;
        }

        // Numerically indexed objects become lists (spec: "Conversion of numerically-indexed objects to arrays").
        if (value is ConfigObject obj)
        {
            var indexed = obj
                .Select(kv => (Ok: int.TryParse(kv.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index), Index: index, kv.Value))
                .Where(e => e.Ok)
                .OrderBy(e => e.Index)
                .Select(e => e.Value)
                .ToList();
            if (indexed.Count > 0)
            {
                return indexed;
            }
        }

        throw WrongType(path, value, "a list");
    }

    private static ConfigWrongTypeException WrongType(string path, ConfigValue value, string expected) =>
        new(path, $"{path} must be {expected}, got {Describe(value)}{At(value)}", value.Origin);

    private static ConfigBadValueException BadValue(string path, ConfigValue value, string expected, string? detail) =>
        new(path, $"{path} must be {expected}, got {Describe(value)}{At(value)}{(detail is null ? string.Empty : ": " + detail)}", value.Origin);

    private static string At(ConfigValue value) => value.Origin is null ? string.Empty : $" ({value.Origin})";

    /// <summary>Describes a value in an error: strings quoted, numbers as written, containers by kind.</summary>
    private static string Describe(ConfigValue value)
    {
        switch (value)
        {
            case ConfigString s:
                var builder = new StringBuilder();
                JsonRenderer.AppendQuoted(builder, s.Value.Length <= 60 ? s.Value : s.Value[..57] + "...");
                return builder.ToString();
            case ConfigNumber n:
                return n.Text;
            case ConfigBoolean b:
                return b.Value ? "true" : "false";
            case ConfigNull:
                return "null";
            case ConfigList:
                return "a list";
            default:
                return "an object";
        }
    }
}
