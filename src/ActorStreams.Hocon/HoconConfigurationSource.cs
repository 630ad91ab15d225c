using Microsoft.Extensions.Configuration;

namespace ActorStreams.Hocon;

/// <summary>
/// A Microsoft.Extensions.Configuration source backed by a HOCON <see cref="Config"/> or file, so options
/// binding works on HOCON: keys become <c>a:b:c</c>, list elements <c>key:0</c>, values invariant strings.
/// </summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>The configuration to expose; when null, <see cref="FilePath"/> is parsed and resolved on load.</summary>
    public Config? Config { get; set; }

    /// <summary>The HOCON file to load when <see cref="Config"/> is null.</summary>
    public string? FilePath { get; set; }

    /// <summary>When true, a missing <see cref="FilePath"/> gives an empty configuration instead of an error.</summary>
    public bool Optional { get; set; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
