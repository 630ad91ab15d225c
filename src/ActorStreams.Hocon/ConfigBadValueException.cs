namespace ActorStreams.Hocon;

/// <summary>
/// A value exists but cannot be read as asked: an unparsable duration or size, a number out of range,
/// or (as <see cref="ConfigWrongTypeException"/>) a value of the wrong type. The message names the
/// full HOCON path, the value and where it was written.
/// </summary>
public class ConfigBadValueException : ConfigException
{
    /// <summary>Creates a bad-value error.</summary>
    /// <param name="path">The full HOCON path of the value.</param>
    /// <param name="message">The complete message.</param>
    /// <param name="origin">Where the value was written, if known.</param>
    public ConfigBadValueException(string path, string message, ConfigOrigin? origin)
        : base(message, origin)
    {
        Path = path;
    }

    /// <summary>The full HOCON path of the value.</summary>
    public string Path { get; }

    /// <summary>
    /// Throws, unless <paramref name="condition"/> holds, the error of a setting that breaks its rule:
    /// <c>&lt;path&gt; &lt;rule&gt;, got "&lt;value&gt;"</c>.
    /// </summary>
    /// <exception cref="ConfigBadValueException">The condition does not hold.</exception>
    public static void ThrowUnless(bool condition, string path, string rule, object value)
    {
        if (!condition)
        {
            throw new ConfigBadValueException(path, $"{path} {rule}, got \"{value}\"", origin: null);
        }
    }
}
