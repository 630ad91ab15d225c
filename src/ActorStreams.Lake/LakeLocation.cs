using System.Text.RegularExpressions;
using ActorStreams.Hocon;

namespace ActorStreams.Lake;

/// <summary>
/// The lake's root as <c>actorstreams.lake.uri</c> names it (docs/lake.md, Location): a directory (absolute, relative to
/// the working directory, or <c>file://</c>) or <c>s3://bucket/prefix</c>.
/// </summary>
public sealed partial record LakeLocation
{
    /// <summary>The HOCON key the location comes from, named by parse errors.</summary>
    public const string Key = "actorstreams.lake.uri";

    private LakeLocation(LakeLocationKind kind, string? directory, string? bucket, string prefix)
    {
        Kind = kind;
        Directory = directory;
        Bucket = bucket;
        Prefix = prefix;
    }

    /// <summary>A directory or an S3 prefix.</summary>
    public LakeLocationKind Kind { get; }

    /// <summary>The absolute directory of a directory lake, else null.</summary>
    public string? Directory { get; }

    /// <summary>The bucket of an S3 lake, else null.</summary>
    public string? Bucket { get; }

    /// <summary>The key prefix inside the bucket without leading or trailing <c>/</c> (empty: the bucket's root); empty for a directory.</summary>
    public string Prefix { get; }

    /// <summary>A lake in the directory <paramref name="path"/> (made absolute against the current directory).</summary>
    public static LakeLocation ForDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new LakeLocation(LakeLocationKind.Directory, Path.GetFullPath(path), bucket: null, string.Empty);
    }

    /// <summary>A lake under <paramref name="prefix"/> in the S3 bucket <paramref name="bucket"/>.</summary>
    /// <exception cref="ArgumentException">The bucket name is not a valid S3 bucket name.</exception>
    public static LakeLocation ForS3(string bucket, string prefix)
    {
        if (!BucketName().IsMatch(bucket ?? string.Empty))
        {
            throw new ArgumentException($"\"{bucket}\" is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-')", nameof(bucket));
        }

        return new LakeLocation(LakeLocationKind.S3, directory: null, bucket, (prefix ?? string.Empty).Trim('/'));
    }

    /// <summary>
    /// Parses a non-empty <c>actorstreams.lake.uri</c>: <c>s3://bucket/prefix</c>, <c>file:///abs/dir</c>, or a directory
    /// path, a relative one taken against <paramref name="workingDirectory"/>.
    /// </summary>
    /// <exception cref="ConfigBadValueException">Any other scheme, an empty value or a malformed S3 URI; the message names <see cref="Key"/>.</exception>
    public static LakeLocation Parse(string uri, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        var text = uri.Trim();
        Require(text.Length > 0, "must name a directory or s3://bucket/prefix", uri);
        var scheme = Scheme().Match(text);
        if (!scheme.Success)
        {
            return ForDirectory(Path.Combine(workingDirectory, text));
        }

        switch (scheme.Groups[1].Value.ToLowerInvariant())
        {
            case "s3":
                var rest = text[scheme.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var bucket = slash < 0 ? rest : rest[..slash];
                var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
                Require(BucketName().IsMatch(bucket), "must be s3://bucket/prefix with a valid bucket name (3-63 lowercase letters, digits, '.' and '-')", uri);
                Require(!prefix.Contains("//", StringComparison.Ordinal) && !prefix.Split('/').Any(s => s is "." or ".."), "must have a prefix without empty, '.' or '..' segments", uri);
                return ForS3(bucket, prefix);
            case "file":
                Require(Uri.TryCreate(text, UriKind.Absolute, out var file) && file.IsFile && (file.Host.Length == 0 || file.Host == "localhost"),
                    "must be file:///absolute/directory", uri);
                return ForDirectory(file!.LocalPath);
            default:
                Require(false, "must be a directory, file:///directory or s3://bucket/prefix", uri);
                return null!;
        }
    }

    /// <summary>The location as a URI-like text: the directory, or <c>s3://bucket/prefix</c>.</summary>
    public override string ToString() => Kind == LakeLocationKind.S3
        ? Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}"
        : Directory!;

    private static void Require(bool condition, string rule, string value) => ConfigBadValueException.ThrowUnless(condition, Key, rule, value);

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex Scheme();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
