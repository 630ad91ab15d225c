namespace ActorStreams.Cli;

/// <summary>What every command needs from its surroundings: where to write and where the installation lives.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error: diagnostics and progress.</param>
/// <param name="Home">The repository or installation root holding <c>hocon/</c> and <c>schemas/</c>.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, string Home)
{
    /// <summary>
    /// The installation root: <c>ACTORSTREAMS_HOME</c> (set by the launcher), else the nearest
    /// ancestor of the working directory holding <c>hocon/</c>, else the working directory.
    /// </summary>
    public static string DetectHome()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ACTORSTREAMS_HOME");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "hocon")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
