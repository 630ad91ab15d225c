using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>
/// Runs Lightbend's equivalence files (Conformance/hocon/equivNN, copied with their licence): every .conf and .json file of a
/// folder must resolve to the same value as its original.json.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ConformanceTests
{
    public static TheoryData<string, string> EquivalenceFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.GetDirectories(ConformanceDirectory(), "equiv*").Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(folder).Where(f => f.EndsWith(".conf", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EquivalenceFiles))]
    public void EquivalenceFile_ParsedAndResolved_EqualsOriginalJson(string folder, string file)
    {
        var directory = Path.Combine(ConformanceDirectory(), folder);
        var expected = File.ReadAllText(Path.Combine(directory, "original.json"));

        // The files rely on some names (NOT_DEFINED_ANYWHERE...) not being environment variables: use an empty environment.
        var config = ConfigFactory.ParseFile(Path.Combine(directory, file))
            .Resolve(new ConfigResolveOptions { Environment = TestConfig.NoEnvironment });

        TestConfig.AssertJson(expected, config);
    }

    [Fact]
    public void EquivalenceFiles_AllFoldersAndFiles_AreFound()
    {
        var data = EquivalenceFiles().Select(row => ((string)row[0], (string)row[1])).ToList();

        Assert.Equal(["equiv01", "equiv02", "equiv04", "equiv05"], data.Select(d => d.Item1).Distinct().ToList());
        Assert.Contains(("equiv01", "properties-style.conf"), data);
        Assert.Contains(("equiv02", "path-keys-weird-whitespace.conf"), data);
        Assert.Contains(("equiv04", "missing-substitutions.conf"), data);
        Assert.Contains(("equiv05", "triple-quotes.conf"), data);
    }

    [Fact]
    public void MissingSubstitutions_OptionalUndefined_LeaveEveryFieldUnset()
    {
        // equiv04: ${?NOT_DEFINED_ANYWHERE} and ${?also.not.defined.anywhere} are undefined, so a and b are not
        // set; c = ${?a} then refers to an unset field and is not set either: the result is the empty object.
        var config = ConfigFactory.ParseFile(Path.Combine(ConformanceDirectory(), "equiv04", "missing-substitutions.conf"))
            .Resolve(new ConfigResolveOptions { Environment = TestConfig.NoEnvironment });

        Assert.Empty(config.Root);
        Assert.False(config.HasPath("a"));
        Assert.False(config.HasPath("c"));
    }

    [Fact]
    public void MissingSubstitutions_WhenTheEnvironmentDefinesTheName_TakeTheEnvironmentValue()
    {
        var config = ConfigFactory.ParseFile(Path.Combine(ConformanceDirectory(), "equiv04", "missing-substitutions.conf"))
            .Resolve(TestConfig.Env(("NOT_DEFINED_ANYWHERE", "now defined")));

        Assert.Equal("now defined", config.GetString("a"));
        Assert.Equal("now defined", config.GetString("c"));
        Assert.False(config.HasPath("b"));
    }

    /// <summary>Walks up from the test binaries to the directory holding ActorStreams.sln, then to this project's Conformance/hocon.</summary>
    private static string ConformanceDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActorStreams.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var conformance = Path.GetFullPath(Path.Combine(directory.FullName, "tests", "ActorStreams.Hocon.Tests", "Conformance", "hocon"));
        Assert.True(Directory.Exists(conformance), $"conformance data not found at {conformance}");
        return conformance;
    }
}
