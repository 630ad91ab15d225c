using ActorStreams.Deploy.Tests.Support;

namespace ActorStreams.Deploy.Tests;

[Trait("Category", "Unit")]
public sealed class YamlFilesTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("deploy"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'));
        }

        return data;
    }

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
        var files = Files().Cast<object[]>().Select(row => (string)row[0]).ToList();

        Assert.Contains("deploy/docker-compose.yml", files);
        Assert.Contains(files, f => f.StartsWith("deploy/k8s/", StringComparison.Ordinal));
    }
}
