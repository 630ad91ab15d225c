using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActorStreams.Deploy.Tests.Support;

/// <summary>YAML files read as YamlDotNet's representation model (every document of a multi-document file).</summary>
internal static class Yaml
{
    /// <summary>Every document of <paramref name="relative"/>; throws YamlDotNet's exception (with line and column) on a syntax error.</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(Repository.Read(relative)))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>
    /// Like <see cref="Documents"/>, with YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, as Docker Compose reads them: a
    /// service built from an <c>x-</c> template shows the template's keys.
    /// </summary>
    public static IReadOnlyList<YamlMappingNode> MergedDocuments(string relative)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(Repository.Read(relative)))
        {
            stream.Load(new MergingParser(new Parser(reader)));
        }

        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>The scalar at <paramref name="path"/> (keys, or list indexes as numbers) under <paramref name="node"/>, or null.</summary>
    public static string? Scalar(YamlNode node, params object[] path) => Node(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The node at <paramref name="path"/> under <paramref name="node"/>, or null.</summary>
    public static YamlNode? Node(YamlNode node, params object[] path)
    {
        YamlNode? current = node;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null,
                (YamlSequenceNode list, int index) => index < list.Children.Count ? list.Children[index] : null,
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}
