using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon;

/// <summary>
/// A resolved, immutable configuration value. The concrete type tells the JSON type:
/// <see cref="ConfigObject"/>, <see cref="ConfigList"/>, <see cref="ConfigString"/>,
/// <see cref="ConfigNumber"/>, <see cref="ConfigBoolean"/> or <see cref="ConfigNull"/>.
/// </summary>
public abstract class ConfigValue
{
    private protected ConfigValue(ConfigOrigin? origin)
    {
        Origin = origin;
    }

    /// <summary>The JSON type of this value.</summary>
    public abstract ConfigValueType ValueType { get; }

    /// <summary>Where the value was written, when known.</summary>
    public ConfigOrigin? Origin { get; }

    /// <summary>Renders the value as compact JSON.</summary>
    public override string ToString() => JsonRenderer.Render(this, indented: false);
}
