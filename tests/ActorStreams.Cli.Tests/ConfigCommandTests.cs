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
        var cluster = json.RootElement.GetProperty("actorstreams").GetProperty("cluster");
        Assert.Equal(JsonValueKind.Number, cluster.GetProperty("checkpoint-max-events").ValueKind);
        Assert.Equal(50_000, cluster.GetProperty("checkpoint-max-events").GetInt32());
        Assert.Equal("1s", cluster.GetProperty("checkpoint-interval").GetString());
        // Akka's settings are part of the same tree (docs/design.md §8).
        Assert.Equal("cluster", json.RootElement.GetProperty("akka").GetProperty("actor").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Config_FileWithIncludeSubstitutionAndEnvFallback_ResolvesLikeTheSpec()
    {
        File.WriteAllText(Path.Combine(_directory, "common.conf"), "shared { events = 64 }\n");
        var main = Path.Combine(_directory, "node.conf");
        File.WriteAllText(main, """
            include "common.conf"
            actorstreams.cluster {
              checkpoint-max-events = ${shared.events}
              passivation.max-active-entities = ${?ACTORSTREAMS_CLI_TEST_SURELY_UNSET_VARIABLE}
              checkpoint-interval = ${?HOME}
              checkpoint-interval = 7s
            }
            """);

        var result = await CliRunner.RunAsync("config", "--config", main);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var cluster = json.RootElement.GetProperty("actorstreams").GetProperty("cluster");
        Assert.Equal(64, cluster.GetProperty("checkpoint-max-events").GetInt32());
        Assert.Equal(2_000_000, cluster.GetProperty("passivation").GetProperty("max-active-entities").GetInt32());
        Assert.Equal("7s", cluster.GetProperty("checkpoint-interval").GetString());
        Assert.Equal(64, json.RootElement.GetProperty("shared").GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task Config_Secrets_AreRedacted()
    {
        var main = Path.Combine(_directory, "secrets.conf");
        File.WriteAllText(main, """
            actorstreams.elasticsearch { username = "elastic", password = "s3cret-pw" }
            actorstreams.kafka.consumer.properties { "sasl.password" = "kafka-pw", "sasl.username" = "svc" }
            actorstreams.kafka.producer.properties { "ssl.key.password" = "key-pw", "sasl.oauthbearer.client.secret" = "oauth-secret" }
            """);

        var result = await CliRunner.RunAsync("config", "--config", main);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("s3cret-pw", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("kafka-pw", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("key-pw", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("oauth-secret", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Output);
        var es = json.RootElement.GetProperty("actorstreams").GetProperty("elasticsearch");
        Assert.Equal("<redacted>", es.GetProperty("password").GetString());
        Assert.Equal("elastic", es.GetProperty("username").GetString());
        Assert.Equal("", es.GetProperty("api-key").GetString()); // empty: nothing to hide, and it shows that none is set
        var consumer = json.RootElement.GetProperty("actorstreams").GetProperty("kafka").GetProperty("consumer").GetProperty("properties");
        Assert.Equal("<redacted>", consumer.GetProperty("sasl.password").GetString());
        Assert.Equal("svc", consumer.GetProperty("sasl.username").GetString());
    }

    [Fact]
    public async Task Config_PasswordsInUrisAndConnectionStrings_AreRedacted()
    {
        var result = await CliRunner.RunAsync(
            "config",
            "--set", "actorstreams.store.uri=postgres://app:pg-s3cret@db.example:5432/actorstreams?sslmode=require",
            "--set", "actorstreams.elasticsearch.url=https://elastic:es-s3cret@es.example:9200");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("s3cret", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement.GetProperty("actorstreams");
        Assert.Equal("postgres://app:<redacted>@db.example:5432/actorstreams?sslmode=require", root.GetProperty("store").GetProperty("uri").GetString());
        Assert.Equal("https://elastic:<redacted>@es.example:9200", root.GetProperty("elasticsearch").GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("postgres:Host=db;Username=app;Password=pg s3cret;Database=x", "postgres:Host=db;Username=app;Password=<redacted>;Database=x")]
    [InlineData("postgres://app@db/x", "postgres://app@db/x")]
    [InlineData("http://127.0.0.1:9200", "http://127.0.0.1:9200")]
    [InlineData("sqlite:data/actorstreams.db", "sqlite:data/actorstreams.db")]
    public void RedactUserInfo_HidesOnlyThePassword(string text, string expected) =>
        Assert.Equal(expected, SecretRedaction.RedactUserInfo(text));

    [Fact]
    public async Task Config_SetFlag_OverridesTheFile()
    {
        var main = Path.Combine(_directory, "node.conf");
        File.WriteAllText(main, "actorstreams.cluster.checkpoint-max-events = 10\n");

        var result = await CliRunner.RunAsync("config", "--config", main, "--set", "actorstreams.cluster.checkpoint-max-events=99");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(99, json.RootElement.GetProperty("actorstreams").GetProperty("cluster").GetProperty("checkpoint-max-events").GetInt32());
    }

    [Fact]
    public async Task Config_SyntaxError_PrintsFileLineColumnAndExits2()
    {
        var main = Path.Combine(_directory, "bad.conf");
        File.WriteAllText(main, "actorstreams {\n  cluster {\n    checkpoint-max-events = [1,\n  }\n}\n");

        var result = await CliRunner.RunAsync("config", "--config", main);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("bad.conf:4:3", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Config_InvalidValue_NamesTheHoconKeyAndExits2()
    {
        var result = await CliRunner.RunAsync("config", "--set", "actorstreams.cluster.checkpoint-budget=3");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("actorstreams.cluster.checkpoint-budget must be a fraction in (0, 1], got \"3\"", result.Error, StringComparison.Ordinal);
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
