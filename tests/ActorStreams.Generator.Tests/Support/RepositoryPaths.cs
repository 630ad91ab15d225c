namespace ActorStreams.Generator.Tests.Support;

/// <summary>Folders of the repository, found by walking up to ActorStreams.sln.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Schemas => Path.Combine(Root, "schemas");

    /// <summary>apache/avro's conformance schemas, copied with their licence (see that folder's README.md).</summary>
    public static string AvroConformance => Path.Combine(Root, "tests", "ActorStreams.Generator.Tests", "Conformance", "avro");

    public static IReadOnlyList<string> TopicSchemaFiles => [.. Directory.GetFiles(Schemas, "*.avsc").Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> ConformanceSchemaFiles => [.. Directory.GetFiles(AvroConformance, "*.avsc").Order(StringComparer.Ordinal)];

    public static string TopicSchema(string topic) => Path.Combine(Schemas, topic + ".avsc");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorStreams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ActorStreams.sln above {AppContext.BaseDirectory}");
    }
}
