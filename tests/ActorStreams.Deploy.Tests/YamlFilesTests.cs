using ActorStreams.Deploy.Tests.Support;

namespace ActorStreams.Deploy.Tests;

[Trait("Category", "Unit")]
public sealed class YamlFilesTests
{
    public static TheoryData<string> Files() => new(YamlFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void YamlFile_UnderDeploy_ParsesIntoMappings(string file)
    {
        var documents = Yaml.Documents(file);

        Assert.NotEmpty(documents);
    }

    [Fact]
    public void Deploy_HasComposeAndKubernetesManifests()
    {
        var files = YamlFiles();

        Assert.Contains("deploy/docker-compose.yml", files);
        Assert.Contains(files, f => f.StartsWith("deploy/k8s/", StringComparison.Ordinal));
    }

    private static List<string> YamlFiles() =>
        [.. Directory.EnumerateFiles(Repository.PathOf("deploy"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
}
