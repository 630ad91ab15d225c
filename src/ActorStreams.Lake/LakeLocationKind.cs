namespace ActorStreams.Lake;

/// <summary>Where a lake lives.</summary>
public enum LakeLocationKind
{
    /// <summary>A local directory.</summary>
    Directory,

    /// <summary>A prefix in an S3 bucket (AWS or an S3-compatible server).</summary>
    S3,
}
