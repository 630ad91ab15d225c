namespace ActorStreams.Hocon;

/// <summary>A string value (quoted, unquoted, triple-quoted or the result of a value concatenation).</summary>
public sealed class ConfigString : ConfigValue
{
    internal ConfigString(string value, ConfigOrigin? origin)
        : base(origin)
    {
        Value = value;
    }

    /// <inheritdoc />
    public override ConfigValueType ValueType => ConfigValueType.String;

    /// <summary>The string itself.</summary>
    public string Value { get; }
}
