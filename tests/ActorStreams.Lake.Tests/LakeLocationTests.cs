using ActorStreams.Hocon;

namespace ActorStreams.Lake.Tests;

public sealed class LakeLocationTests
{
    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("s3://my-bucket/actorstreams/lake", "my-bucket", "actorstreams/lake")]
    [InlineData("s3://my-bucket/actorstreams/lake/", "my-bucket", "actorstreams/lake")]
    [InlineData("s3://my.bucket-2", "my.bucket-2", "")]
    [InlineData("S3://abc/", "abc", "")]
    public void Parse_S3Uri_GivesBucketAndPrefix(string uri, string bucket, string prefix)
    {
        var location = LakeLocation.Parse(uri, "/work");

        Assert.Equal(LakeLocationKind.S3, location.Kind);
        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(prefix, location.Prefix);
        Assert.Null(location.Directory);
        Assert.Equal(prefix.Length == 0 ? $"s3://{bucket}" : $"s3://{bucket}/{prefix}", location.ToString());
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("data/lake", "/srv/app/data/lake")]
    [InlineData("./lake/../lake2", "/srv/app/lake2")]
    [InlineData("/var/lib/actorstreams/lake", "/var/lib/actorstreams/lake")]
    [InlineData("file:///var/lib/actorstreams/lake", "/var/lib/actorstreams/lake")]
    [InlineData("  data/lake  ", "/srv/app/data/lake")]
    public void Parse_Directory_IsAbsoluteAgainstTheWorkingDirectory(string uri, string directory)
    {
        var location = LakeLocation.Parse(uri, "/srv/app");

        Assert.Equal(LakeLocationKind.Directory, location.Kind);
        Assert.Equal(directory, location.Directory);
        Assert.Equal(directory, location.ToString());
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("gs://bucket/lake", "must be a directory, file:///directory or s3://bucket/prefix")]
    [InlineData("https://s3.amazonaws.com/bucket", "must be a directory, file:///directory or s3://bucket/prefix")]
    [InlineData("s3://", "must be s3://bucket/prefix with a valid bucket name (3-63 lowercase letters, digits, '.' and '-')")]
    [InlineData("s3://Upper/lake", "must be s3://bucket/prefix with a valid bucket name (3-63 lowercase letters, digits, '.' and '-')")]
    [InlineData("s3://ab/lake", "must be s3://bucket/prefix with a valid bucket name (3-63 lowercase letters, digits, '.' and '-')")]
    [InlineData("s3://bucket/a//b", "must have a prefix without empty, '.' or '..' segments")]
    [InlineData("s3://bucket/a/../b", "must have a prefix without empty, '.' or '..' segments")]
    [InlineData("file://server/share", "must be file:///absolute/directory")]
    [InlineData(" ", "must name a directory or s3://bucket/prefix")]
    public void Parse_AnythingElse_ThrowsNamingTheKey(string uri, string rule)
    {
        var error = Assert.Throws<ConfigBadValueException>(() => LakeLocation.Parse(uri, "/work"));

        Assert.Equal("actorstreams.lake.uri", error.Path);
        Assert.Equal($"actorstreams.lake.uri {rule}, got \"{uri}\"", error.Message);
    }
}
