namespace ActorStreams.Hocon;

/// <summary>A boolean value (<c>true</c> or <c>false</c> written without quotes).</summary>
public sealed class ConfigBoolean : ConfigValue
{
    internal ConfigBoolean(bool value, ConfigOrigin? origin)
        : base(origin)
    {
        Value = value;
    }

    /// <inheritdoc />
    public override ConfigValueType ValueType => ConfigValueType.Boolean;

    /// <summary>The boolean itself.</summary>
    public bool Value { get; }
}
