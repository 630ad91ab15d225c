using System.Reflection;
using System.Text;

namespace ActorStreams.Hocon;

/// <summary>
/// Resolves includes to embedded resources of the given assemblies. A name matches a manifest resource
/// exactly, or with '/' read as '.', or as its dotted suffix (so <c>reference.conf</c> finds
/// <c>ActorStreams.Cluster.reference.conf</c>); the first assembly with a match wins.
/// </summary>
public sealed class AssemblyResourceIncludeResolver : IConfigIncludeResolver
{
    private readonly Assembly[] _assemblies;

    /// <summary>Creates a resolver over the given assemblies, searched in order.</summary>
    /// <param name="assemblies">The assemblies whose embedded resources can be included.</param>
    public AssemblyResourceIncludeResolver(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        _assemblies = [.. assemblies];
    }

    /// <inheritdoc />
    public string? ReadResource(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var assembly in _assemblies)
        {
            var manifestName = FindManifestName(assembly, name);
            if (manifestName is null)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(manifestName)
                ?? throw new ConfigException($"the embedded resource {manifestName} of {assembly.GetName().Name} could not be opened");
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        return null;
    }

    private static string? FindManifestName(Assembly assembly, string name)
    {
        var names = assembly.GetManifestResourceNames();
        var dotted = name.Replace('/', '.').Replace('\\', '.');
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal) || string.Equals(candidate, dotted, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        var suffixMatches = names.Where(n => n.EndsWith("." + dotted, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return suffixMatches.Count switch
        {
            0 => null,
            1 => suffixMatches[0],
            _ => throw new ConfigException($"the resource name {name} is ambiguous in {assembly.GetName().Name}: it matches {string.Join(", ", suffixMatches)}; use the full manifest name"),
        };
    }
}
