namespace ActorStreams.Hocon;

/// <summary>A value has a type that cannot be converted to the one asked for (an object read as a string, null read as a number...).</summary>
public sealed class ConfigWrongTypeException : ConfigBadValueException
{
    /// <summary>Creates a wrong-type error.</summary>
    /// <param name="path">The full HOCON path of the value.</param>
    /// <param name="message">The complete message.</param>
    /// <param name="origin">Where the value was written, if known.</param>
    public ConfigWrongTypeException(string path, string message, ConfigOrigin? origin)
        : base(path, message, origin)
    {
    }
}
