using ActorStreams.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ActorStreams.Deploy.Tests.Compose;

/// <summary>deploy/docker-compose.yml as Compose reads it (merge keys applied): its services and their settings.</summary>
internal sealed class ComposeFile
{
    public const string Path = "deploy/docker-compose.yml";

    private ComposeFile(IReadOnlyDictionary<string, YamlMappingNode> services) => Services = services;

    /// <summary>The services by name.</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Services { get; }

    /// <summary>The services whose image is the ActorStreams image.</summary>
    public IEnumerable<string> ActorStreamsServices => Services.Keys.Where(name => Image(name).StartsWith("actorstreams:", StringComparison.Ordinal));

    public static ComposeFile Load()
    {
        var root = Yaml.MergedDocuments(Path).Single();
        var services = (YamlMappingNode)Yaml.Node(root, "services")!;
        return new ComposeFile(services.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (YamlMappingNode)kv.Value, StringComparer.Ordinal));
    }

    public string Image(string service) => Yaml.Scalar(Services[service], "image") ?? string.Empty;

    /// <summary>The service's command as a list (the exec form this file uses throughout).</summary>
    public IReadOnlyList<string> Command(string service) =>
        Yaml.Node(Services[service], "command") is YamlSequenceNode list ? [.. list.Children.Cast<YamlScalarNode>().Select(s => s.Value!)] : [];

    /// <summary>The service's environment (mapping form).</summary>
    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Yaml.Node(Services[service], "environment") is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The service's published ports, as written ("127.0.0.1:9110:9110").</summary>
    public IReadOnlyList<string> Ports(string service) =>
        Yaml.Node(Services[service], "ports") is YamlSequenceNode list ? [.. list.Children.Cast<YamlScalarNode>().Select(s => s.Value!)] : [];

    /// <summary>The values of every <paramref name="flag"/> in <paramref name="command"/>.</summary>
    public static IReadOnlyList<string> FlagValues(IReadOnlyList<string> command, string flag) =>
        [.. command.Select((arg, i) => (arg, i)).Where(a => a.arg == flag && a.i + 1 < command.Count).Select(a => command[a.i + 1])];
}
