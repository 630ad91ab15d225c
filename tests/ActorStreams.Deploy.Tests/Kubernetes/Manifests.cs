using ActorStreams.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ActorStreams.Deploy.Tests.Kubernetes;

/// <summary>The Kubernetes manifests of <c>deploy/k8s</c>, every document by kind and name, and what the tests read from them.</summary>
internal static class Manifests
{
    /// <summary>The manifests' folder, relative to the repository root.</summary>
    public const string Folder = "deploy/k8s";

    /// <summary>Every manifest file (not the kustomization), relative to the root.</summary>
    public static IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Repository.PathOf(Folder), "*.yaml")
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>Every document of every manifest file.</summary>
    public static IReadOnlyList<YamlMappingNode> All() => [.. Files().SelectMany(Yaml.Documents)];

    /// <summary>The one document of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public static YamlMappingNode Get(string kind, string name) =>
        Assert.Single(All(), d => Yaml.Scalar(d, "kind") == kind && Yaml.Scalar(d, "metadata", "name") == name);

    /// <summary>The StatefulSet of the nodes.</summary>
    public static YamlMappingNode StatefulSet() => Get("StatefulSet", "actorstreams");

    /// <summary>The node container of the StatefulSet.</summary>
    public static YamlNode Container() => Yaml.Node(StatefulSet(), "spec", "template", "spec", "containers", 0)!;

    /// <summary>A mapping's entries as strings (labels, selectors).</summary>
    public static Dictionary<string, string> Map(YamlNode? node) =>
        node is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!)
            : [];

    /// <summary>The items of a sequence (empty when absent).</summary>
    public static IReadOnlyList<YamlNode> Items(YamlNode? node) => node is YamlSequenceNode list ? [.. list.Children] : [];

    /// <summary>The node container's ports: name to number.</summary>
    public static Dictionary<string, int> ContainerPorts() =>
        Items(Yaml.Node(Container(), "ports")).ToDictionary(p => Yaml.Scalar(p, "name")!, p => int.Parse(Yaml.Scalar(p, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The pod labels of the StatefulSet's template.</summary>
    public static Dictionary<string, string> PodLabels() => Map(Yaml.Node(StatefulSet(), "spec", "template", "metadata", "labels"));

    /// <summary>
    /// The container's environment as the node sees it: literal values with Kubernetes' <c>$(VAR)</c> references to
    /// earlier variables expanded, downward-API values and secrets given stand-ins (named in <paramref name="standIns"/>).
    /// </summary>
    public static Dictionary<string, string> Environment(YamlNode container, IReadOnlyDictionary<string, string> standIns)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Items(Yaml.Node(container, "env")))
        {
            var name = Yaml.Scalar(item, "name")!;
            var value = Yaml.Scalar(item, "value") ?? standIns.GetValueOrDefault(name) ?? $"<{name}>";
            foreach (var (other, otherValue) in env)
            {
                value = value.Replace($"$({other})", otherValue, StringComparison.Ordinal);
            }

            env[name] = value;
        }

        return env;
    }
}
