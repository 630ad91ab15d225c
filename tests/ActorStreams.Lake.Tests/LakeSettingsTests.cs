using ActorStreams.Hocon;

namespace ActorStreams.Lake.Tests;

public sealed class LakeSettingsTests
{
    [Fact]
    [Trait("Category", "Unit")]
    public void Create_ReferenceConf_EqualsDefaultAndLakeIsOff()
    {
        var settings = LakeSettings.Create(Reference());

        Assert.Equal(LakeSettings.Default, settings);
        Assert.False(settings.Enabled);
        Assert.Null(settings.Location);
        Assert.Equal(128L * 1024 * 1024, settings.MaxFileBytes);
        Assert.Equal(1_000_000, settings.MaxFileRows);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.MaxFileAge);
        Assert.Equal(new LakeS3Settings { Region = "us-east-1" }, settings.S3);
        Assert.Null(settings.S3.Endpoint);
        Assert.False(settings.S3.ForcePathStyle);
        Assert.False(settings.S3.HasExplicitCredentials);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Create_EmptyConfig_TakesTheDefaults()
    {
        Assert.Equal(LakeSettings.Default, LakeSettings.Create(ConfigFactory.Empty));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Create_EveryKeySet_ReadsThem()
    {
        var settings = LakeSettings.Create(Parse("""
            uri = "s3://lake-bucket/prod"
            max-file-bytes = 64MiB
            max-file-rows = 5000
            max-file-age = 30s
            s3 { endpoint = "http://127.0.0.1:9000", region = "eu-west-3", force-path-style = on, access-key = "AK", secret-key = "SK" }
            """));

        Assert.Equal(LakeLocation.ForS3("lake-bucket", "prod"), settings.Location);
        Assert.True(settings.Enabled);
        Assert.Equal(64L * 1024 * 1024, settings.MaxFileBytes);
        Assert.Equal(5000, settings.MaxFileRows);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MaxFileAge);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), settings.S3.Endpoint);
        Assert.Equal("eu-west-3", settings.S3.Region);
        Assert.True(settings.S3.ForcePathStyle);
        Assert.Equal("AK", settings.S3.AccessKey);
        Assert.Equal("SK", settings.S3.SecretKey);
        Assert.DoesNotContain("SK", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Create_RelativeDirectory_IsTakenAgainstTheWorkingDirectory()
    {
        var settings = LakeSettings.Create(Parse("uri = data/lake"), "/opt/actorstreams");

        Assert.Equal(LakeLocation.ForDirectory("/opt/actorstreams/data/lake"), settings.Location);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("uri = \"ftp://host/lake\"", "actorstreams.lake.uri", "actorstreams.lake.uri must be a directory, file:///directory or s3://bucket/prefix, got \"ftp://host/lake\"")]
    [InlineData("max-file-bytes = 0", "actorstreams.lake.max-file-bytes", "actorstreams.lake.max-file-bytes must be a positive size, got \"0\"")]
    [InlineData("max-file-rows = -1", "actorstreams.lake.max-file-rows", "actorstreams.lake.max-file-rows must be a positive integer, got \"-1\"")]
    [InlineData("max-file-age = 0s", "actorstreams.lake.max-file-age", "actorstreams.lake.max-file-age must be a positive duration, got \"00:00:00\"")]
    [InlineData("s3.endpoint = \"127.0.0.1:9000\"", "actorstreams.lake.s3.endpoint",
        "actorstreams.lake.s3.endpoint must be an http:// or https:// URL such as http://127.0.0.1:9000, got \"127.0.0.1:9000\"")]
    [InlineData("s3.region = \"\"", "actorstreams.lake.s3.region", "actorstreams.lake.s3.region must name a region such as us-east-1, got \"\"")]
    [InlineData("s3.access-key = \"AK\"", "actorstreams.lake.s3.access-key",
        "actorstreams.lake.s3.access-key and s3.secret-key must be set together (or both left empty for the SDK's default credentials), got \"AK\"")]
    public void Create_BadValue_ThrowsNamingTheKey(string hocon, string key, string message)
    {
        var error = Assert.Throws<ConfigBadValueException>(() => LakeSettings.Create(Parse(hocon)));

        Assert.Equal(key, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Create_SecretWithoutAccessKey_DoesNotShowTheSecret()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => LakeSettings.Create(Parse("s3.secret-key = \"TOPSECRET\"")));

        Assert.Equal("actorstreams.lake.s3.access-key", error.Path);
        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
    }

    private static Config Parse(string section) =>
        ConfigFactory.ParseString("actorstreams.lake {\n" + section + "\n}").WithFallback(Reference()).Resolve();

    private static Config Reference() =>
        ConfigFactory.ParseResource(typeof(LakeSettings).Assembly, "ActorStreams.Lake.reference.conf").Resolve();
}
