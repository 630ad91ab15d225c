using System.Text.RegularExpressions;
using System.Xml.Linq;
using ActorStreams.Deploy.Tests.Support;

namespace ActorStreams.Deploy.Tests.Compose;

[Trait("Category", "Unit")]
public sealed partial class DockerfileTests
{
    private static readonly string[] Lines = Instructions(Repository.Read("deploy/Dockerfile"));

    [Fact]
    public void Dockerfile_Publish_BuildsTheCliIntoTheFolderTheEntrypointRuns()
    {
        var publish = Assert.Single(Lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        var assemblyName = XDocument.Load(Repository.PathOf("src/ActorStreams.Cli/ActorStreams.Cli.csproj")).Descendants("AssemblyName").Single().Value;

        Assert.Equal("RUN dotnet publish src/ActorStreams.Cli/ActorStreams.Cli.csproj -c Release -o /app", publish);
        Assert.True(File.Exists(Repository.PathOf("src/ActorStreams.Cli/ActorStreams.Cli.csproj")));
        Assert.Contains($"ENTRYPOINT [\"/app/{assemblyName}\"]", Lines);
        Assert.Contains("COPY --from=build /app ./", Lines);
        Assert.Contains("WORKDIR /app", Lines);
        Assert.Contains(Lines, l => l.StartsWith("ENV ACTORSTREAMS_HOME=/app", StringComparison.Ordinal));
        Assert.Contains("COPY hocon/ ./hocon/", Lines);
    }

    [Fact]
    public void Dockerfile_Stages_UseTheSdkToBuildAndAspNetToRunAsNonRoot()
    {
        Assert.Equal(
            ["FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"],
            Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Equal("USER app", Lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Dockerfile_ExposeAndHealthcheck_MatchTheProductionPorts()
    {
        var production = HoconKeys.Reference;
        var config = Hocon.ConfigFactory.ParseFile(Repository.PathOf("hocon/production.conf")).WithFallback(production).Resolve();

        Assert.Contains($"EXPOSE {config.GetInt("actorstreams.http.port")} {config.GetInt("akka.remote.dot-netty.tcp.port")}", Lines);
        var health = Assert.Single(Lines, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains($"/dev/tcp/127.0.0.1/${{ACTORSTREAMS__HTTP__PORT:-{config.GetInt("actorstreams.http.port")}}}", health, StringComparison.Ordinal);
        Assert.Contains("GET /health HTTP/1.0", health, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_DockerCommands_AgreeWithTheDockerfileAndTheComposeFile()
    {
        var readme = Repository.Read("README.md");
        var compose = ComposeFile.Load();
        var image = compose.Image("node1");

        // Every build in the README (compose, then Kubernetes with a registry tag) builds this Dockerfile from the root;
        // the compose walkthrough's builds the image the compose file runs.
        var builds = DockerBuild().Matches(readme).ToList();
        Assert.NotEmpty(builds);
        Assert.All(builds, build => Assert.Equal(("deploy/Dockerfile", "."), (build.Groups["file"].Value, build.Groups["context"].Value)));
        Assert.Equal(image, builds[0].Groups["tag"].Value);
        var composeFiles = ComposeCommand().Matches(readme).Select(m => m.Groups["file"].Value).Distinct().ToList();
        Assert.Equal([ComposeFile.Path], composeFiles);
        Assert.Contains(Repository.Read("deploy/docker-compose.yml").Split('\n'), l => l.Contains($"docker build -f deploy/Dockerfile -t {image} .", StringComparison.Ordinal));
        Assert.Contains(".dockerignore", Directory.EnumerateFiles(Repository.Root).Select(Path.GetFileName));
    }

    /// <summary>The Dockerfile's instructions, continuation lines joined and comments dropped.</summary>
    private static string[] Instructions(string text) =>
    [
        .. text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(l => Spaces().Replace(l.Trim(), " "))
            .Where(l => l.Length > 0 && !l.StartsWith('#')),
    ];

    [GeneratedRegex(@"docker build -f (?<file>\S+) -t (?<tag>\S+) (?<context>\S+)")]
    private static partial Regex DockerBuild();

    [GeneratedRegex(@"docker compose -f (?<file>\S+)")]
    private static partial Regex ComposeCommand();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
