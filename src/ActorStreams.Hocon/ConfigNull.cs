namespace ActorStreams.Hocon;

/// <summary>The null value. A key set to null exists but <see cref="Config.HasPath"/> reports it as absent.</summary>
public sealed class ConfigNull : ConfigValue
{
    internal ConfigNull(ConfigOrigin? origin)
        : base(origin)
    {
    }

    /// <inheritdoc />
    public override ConfigValueType ValueType => ConfigValueType.Null;
}
