namespace ActorStreams.Hocon;

/// <summary>The JSON type of a resolved <see cref="ConfigValue"/>.</summary>
public enum ConfigValueType
{
    /// <summary>An object: <see cref="ConfigObject"/>.</summary>
    Object,

    /// <summary>An array: <see cref="ConfigList"/>.</summary>
    List,

    /// <summary>A string: <see cref="ConfigString"/>.</summary>
    String,

    /// <summary>A number: <see cref="ConfigNumber"/>.</summary>
    Number,

    /// <summary>A boolean: <see cref="ConfigBoolean"/>.</summary>
    Boolean,

    /// <summary>The null value: <see cref="ConfigNull"/>.</summary>
    Null,
}
