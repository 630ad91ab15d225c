namespace ActorStreams.Lake.Tests;

/// <summary>Folders of the repository the tests read.</summary>
internal static class TestPaths
{
    /// <summary>The repository's root: the nearest folder above the test binaries holding ActorStreams.sln.</summary>
    public static string RepositoryRoot()
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
