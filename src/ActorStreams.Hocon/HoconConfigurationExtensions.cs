using Microsoft.Extensions.Configuration;

namespace ActorStreams.Hocon;

/// <summary>Adds HOCON configurations to a Microsoft.Extensions.Configuration builder.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds a HOCON configuration (resolved on load if it is not yet resolved).</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="config">The configuration to expose.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, Config config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(config);
        return builder.Add(new HoconConfigurationSource { Config = config });
    }

    /// <summary>Adds a HOCON file, parsed and resolved on load.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The file path.</param>
    /// <param name="optional">Whether a missing file is allowed (it then adds nothing).</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        return builder.Add(new HoconConfigurationSource { FilePath = path, Optional = optional });
    }
}
