namespace ActorStreams.Lake;

/// <summary>Settings of <c>actorstreams.lake.s3</c>: how an <c>s3://</c> lake reaches its bucket (reference.conf explains every key).</summary>
public sealed record LakeS3Settings
{
    /// <summary>The defaults (equal to reference.conf): AWS itself, us-east-1, credentials from the SDK's default chain.</summary>
    public static LakeS3Settings Default { get; } = new();

    /// <summary><c>endpoint</c>: an S3-compatible server (MinIO, s3rver), or null for AWS.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary><c>region</c>: the bucket's region, also the signing region of an S3-compatible server.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary><c>force-path-style</c>: address the bucket as <c>endpoint/bucket/key</c> instead of <c>bucket.endpoint/key</c>.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary><c>access-key</c>: with <see cref="SecretKey"/>, explicit credentials; empty for the SDK's default chain.</summary>
    public string AccessKey { get; init; } = string.Empty;

    /// <summary><c>secret-key</c>: the secret of <see cref="AccessKey"/>.</summary>
    public string SecretKey { get; init; } = string.Empty;

    /// <summary>True when explicit credentials are set.</summary>
    public bool HasExplicitCredentials => AccessKey.Length > 0;

    /// <summary>The settings without the secret key, fit for logs.</summary>
    public override string ToString() =>
        $"{nameof(LakeS3Settings)} {{ Endpoint = {Endpoint}, Region = {Region}, ForcePathStyle = {ForcePathStyle}, AccessKey = {AccessKey}, "
        + $"SecretKey = {(SecretKey.Length > 0 ? "(set)" : string.Empty)} }}";
}
