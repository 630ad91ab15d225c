using System.Text.Json;

namespace ActorStreams.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstreams-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Config_Defaults_PrintsResolvedJsonWithNumbersAsNumbers()
    {
        var result = await CliRunner.RunAsync("config");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var actors = json.RootElement.GetProperty("actorstreams").GetProperty("actors");
        Assert.Equal(JsonValueKind.Number, actors.GetProperty("throughput").ValueKind);
        Assert.Equal(30, actors.GetProperty("throughput").GetInt32());
        Assert.Equal("5s", actors.GetProperty("ask-timeout").GetString());
    }

    [Fact]
    public async Task Config_FileWithIncludeSubstitutionAndEnvFallback_ResolvesLikeTheSpec()
    {
        File.WriteAllText(Path.Combine(_directory, "common.conf"), "shared { throughput = 64 }\n");
        var main = Path.Combine(_directory, "node.conf");
        File.WriteAllText(main, """
            include "common.conf"
            actorstreams.actors {
              throughput = ${shared.throughput}
              default-mailbox.capacity = ${?ACTORSTREAMS_CLI_TEST_SURELY_UNSET_VARIABLE}
              ask-timeout = ${?HOME}
              ask-timeout = 7s
            }
            """);

        var result = await CliRunner.RunAsync("config", "--config", main);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var actors = json.RootElement.GetProperty("actorstreams").GetProperty("actors");
        Assert.Equal(64, actors.GetProperty("throughput").GetInt32());
        Assert.Equal(1000, actors.GetProperty("default-mailbox").GetProperty("capacity").GetInt32());
        Assert.Equal("7s", actors.GetProperty("ask-timeout").GetString());
        Assert.Equal(64, json.RootElement.GetProperty("shared").GetProperty("throughput").GetInt32());
    }

    [Fact]
    public async Task Config_SetFlag_OverridesTheFile()
    {
        var main = Path.Combine(_directory, "node.conf");
        File.WriteAllText(main, "actorstreams.actors.throughput = 10\n");

        var result = await CliRunner.RunAsync("config", "--config", main, "--set", "actorstreams.actors.throughput=99");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(99, json.RootElement.GetProperty("actorstreams").GetProperty("actors").GetProperty("throughput").GetInt32());
    }

    [Fact]
    public async Task Config_SyntaxError_PrintsFileLineColumnAndExits2()
    {
        var main = Path.Combine(_directory, "bad.conf");
        File.WriteAllText(main, "actorstreams {\n  actors {\n    throughput = [1,\n  }\n}\n");

        var result = await CliRunner.RunAsync("config", "--config", main);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("bad.conf:4:3", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Config_InvalidValue_NamesTheHoconKeyAndExits2()
    {
        var result = await CliRunner.RunAsync("config", "--set", "actorstreams.actors.supervision.random-factor=3");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("actorstreams.actors.supervision.random-factor must be between 0 and 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_MissingConfigFile_Exits2WithTheName()
    {
        var result = await CliRunner.RunAsync("config", "--config", Path.Combine(_directory, "nope.conf"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nope.conf", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_MalformedSetPair_Exits2()
    {
        var result = await CliRunner.RunAsync("config", "--set", "no-equals-sign");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--set expects key=value", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferenceFile_InRepository_EqualsTheModulesEmbeddedReferenceConf()
    {
        var result = await CliRunner.RunAsync("config", "--reference");
        var committed = await File.ReadAllTextAsync(Path.Combine(CliRunner.RepositoryRoot(), "hocon", "reference.conf"));

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.True(committed == result.Output, "hocon/reference.conf is out of date: regenerate it with ./actorstreams config --reference > hocon/reference.conf");
    }
}
