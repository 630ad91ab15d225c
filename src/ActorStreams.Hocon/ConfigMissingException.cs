namespace ActorStreams.Hocon;

/// <summary>A getter asked for a path that the configuration does not define.</summary>
public sealed class ConfigMissingException : ConfigException
{
    /// <summary>Creates a missing-key error for the given full path.</summary>
    /// <param name="path">The full HOCON path, including the prefix of a sub-configuration.</param>
    public ConfigMissingException(string path)
        : base($"missing configuration key {path}")
    {
        Path = path;
    }

    /// <summary>The full HOCON path that is missing.</summary>
    public string Path { get; }
}
