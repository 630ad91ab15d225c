namespace ActorStreams.Entities.Tests.Support;

/// <summary>Folders of the repository, found by walking up to ActorStreams.sln.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string TopicSchema(string topic) => Path.Combine(Root, "schemas", topic + ".avsc");

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
