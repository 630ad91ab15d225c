using ActorStreams.Deploy.Tests.Support;

namespace ActorStreams.Deploy.Tests;

[Trait("Category", "Unit")]
public sealed class YamlFilesTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in YamlFiles())
        {
            data.Add(file);
        }

        return data;
    }

    /// <summary>Every .yml or .yaml file under deploy/, slash-separated from the repository root, in ordinal order.</summary>
    private static List<string> YamlFiles() =>
    [
        .. Directory.EnumerateFiles(Repository.PathOf("deploy"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

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
}
