namespace ActorStreams.Deploy.Tests.Support;

/// <summary>Paths in the repository these tests validate (found from the test binaries upwards, by its solution file).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorStreams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ActorStreams.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository's root directory.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The absolute path of <paramref name="relative"/> (slash-separated, from the root).</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The text of <paramref name="relative"/>.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
