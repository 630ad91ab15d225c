using System.Reflection;
using ActorStreams.Generator;
using ActorStreams.Hocon;
using ActorStreams.Node;

namespace ActorStreams.Cli;

/// <summary>The CLI's view of configuration loading: the node's, rooted at the installation and with usage errors for bad flags.</summary>
internal static class ActorStreamsConfig
{
    /// <summary>Loads the configuration (docs/design.md §8 precedence); a missing <c>--config</c> file is a usage error.</summary>
    public static Config Load(CliContext context, string? configFile, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new UsageException($"--config: file not found: {configFile}");
        }

        var config = NodeConfiguration.Load(context.Home, configFile, overrides, ExtraModules);
        GeneratorSettings.Create(config);
        return config;
    }

    /// <summary>The commented reference configuration of every module.</summary>
    public static string ReferenceText() => NodeConfiguration.ReferenceText(ExtraModules);

    /// <summary>Modules of the CLI itself (the generator) beside the node's (the warehouse is one of the node's since it runs the scheduled jobs).</summary>
    private static IReadOnlyList<Assembly> ExtraModules { get; } = [typeof(GeneratorSettings).Assembly];
}
