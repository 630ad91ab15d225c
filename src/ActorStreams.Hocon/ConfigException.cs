namespace ActorStreams.Hocon;

/// <summary>
/// The base of every configuration error: syntax, includes, substitutions, missing keys and bad values.
/// The message always says where the problem is (file, line and column, or the HOCON path).
/// </summary>
public class ConfigException : Exception
{
    /// <summary>Creates a configuration error.</summary>
    /// <param name="message">The complete message, including the position when there is one.</param>
    /// <param name="origin">Where the problem is, when it is tied to a place in a source.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ConfigException(string message, ConfigOrigin? origin = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Origin = origin;
    }

    /// <summary>Where the problem is, or null when it is not tied to a place in a source.</summary>
    public ConfigOrigin? Origin { get; }
}
