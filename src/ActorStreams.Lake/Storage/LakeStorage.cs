namespace ActorStreams.Lake.Storage;

/// <summary>Opens the storage of a configured lake.</summary>
public static class LakeStorage
{
    /// <summary>The storage at <paramref name="location"/>: a directory, or an S3 bucket reached as <paramref name="s3"/> says.</summary>
    public static ILakeStorage Open(LakeLocation location, LakeS3Settings s3)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(s3);
        return location.Kind == LakeLocationKind.S3
            ? S3LakeStorage.Create(location, s3)
            : new DirectoryLakeStorage(location.Directory!);
    }

    /// <summary>The storage of <paramref name="settings"/>.</summary>
    /// <exception cref="InvalidOperationException">The lake is off (no <c>actorstreams.lake.uri</c>).</exception>
    public static ILakeStorage Open(LakeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Location is { } location
            ? Open(location, settings.S3)
            : throw new InvalidOperationException("the lake is off: actorstreams.lake.uri is empty");
    }
}
