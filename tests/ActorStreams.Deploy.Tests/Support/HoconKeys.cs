using ActorStreams.Hocon;

namespace ActorStreams.Deploy.Tests.Support;

/// <summary>The configuration files of <c>hocon/</c> and the keys they set.</summary>
internal static class HoconKeys
{
    private static readonly Lazy<Config> LazyReference = new(() => ConfigFactory.ParseFile(Repository.PathOf("hocon/reference.conf")).Resolve());

    /// <summary><c>hocon/reference.conf</c>: every key of every module with its default.</summary>
    public static Config Reference => LazyReference.Value;

    /// <summary>The dotted path of every value (not object) of <paramref name="config"/>, which must be resolved.</summary>
    public static IReadOnlyList<string> LeafPaths(Config config)
    {
        var paths = new List<string>();
        Walk(config.Root, string.Empty);
        return paths;

        void Walk(ConfigObject obj, string prefix)
        {
            foreach (var (key, value) in obj)
            {
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                if (value is ConfigObject nested)
                {
                    Walk(nested, path);
                }
                else
                {
                    paths.Add(path);
                }
            }
        }
    }
}
