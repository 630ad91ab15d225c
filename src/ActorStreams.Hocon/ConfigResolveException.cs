namespace ActorStreams.Hocon;

/// <summary>
/// A substitution could not be resolved: the path is defined neither in the configuration nor in the
/// environment, or a value concatenation mixes types that cannot be combined. The message starts with
/// the position of the offending substitution or value.
/// </summary>
public class ConfigResolveException : ConfigException
{
    /// <summary>Creates a resolve error at the given position.</summary>
    /// <param name="origin">Where the offending substitution or value is written.</param>
    /// <param name="problem">What is wrong, without the position (it is prefixed).</param>
    public ConfigResolveException(ConfigOrigin origin, string problem)
        : base($"{origin}: {problem}", origin)
    {
    }
}
