namespace ActorStreams.Hocon;

/// <summary>
/// The text is not valid HOCON, or an include could not be honoured (a required file is missing,
/// a URL include, an include cycle). The message starts with <c>file:line:column:</c>.
/// </summary>
public sealed class ConfigParseException : ConfigException
{
    /// <summary>Creates a parse error at the given position.</summary>
    /// <param name="origin">Where the problem is.</param>
    /// <param name="problem">What is wrong, without the position (it is prefixed).</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ConfigParseException(ConfigOrigin origin, string problem, Exception? innerException = null)
        : base($"{origin}: {problem}", origin, innerException)
    {
        Problem = problem;
    }

    /// <summary>What is wrong, without the position.</summary>
    internal string Problem { get; }
}
