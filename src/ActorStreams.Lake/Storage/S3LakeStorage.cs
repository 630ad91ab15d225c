using System.Net;
using System.Runtime.InteropServices;
using ActorStreams.Lake.Internal;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ActorStreams.Lake.Storage;

/// <summary>
/// The lake under a key prefix of an S3 bucket, through AWSSDK.S3: AWS itself or an S3-compatible server (endpoint and
/// path-style addressing). A put uploads a whole object in one request, which S3 makes visible atomically.
/// </summary>
public sealed class S3LakeStorage : ILakeStorage
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly string _keyPrefix;
    private readonly string _endpointNote;

    /// <summary>Uses <paramref name="client"/> (not disposed by this storage) for the bucket and prefix of <paramref name="location"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="location"/> is not an S3 location.</exception>
    public S3LakeStorage(IAmazonS3 client, LakeLocation location)
        : this(client, location, ownsClient: false, endpointNote: string.Empty)
    {
    }

    private S3LakeStorage(IAmazonS3 client, LakeLocation location, bool ownsClient, string endpointNote)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != LakeLocationKind.S3)
        {
            throw new ArgumentException($"{location} is not an s3:// location", nameof(location));
        }

        _client = client;
        _ownsClient = ownsClient;
        Bucket = location.Bucket!;
        Prefix = location.Prefix;
        _keyPrefix = Prefix.Length == 0 ? string.Empty : Prefix + "/";
        _endpointNote = endpointNote;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The key prefix of the lake inside the bucket (no leading or trailing <c>/</c>; empty: the bucket's root).</summary>
    public string Prefix { get; }

    /// <summary>Keys asked for per listing request (S3 returns at most 1000).</summary>
    internal int PageSize { get; set; } = 1000;

    /// <inheritdoc />
    public string Description => (Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}") + _endpointNote;

    /// <summary>
    /// A client for <paramref name="location"/> built from <paramref name="settings"/>: endpoint override and path style
    /// for S3-compatible servers, the region, and explicit credentials or else the SDK's default chain.
    /// </summary>
    public static S3LakeStorage Create(LakeLocation location, LakeS3Settings settings)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            // Checksums only where S3 requires them: S3-compatible servers do not all take the SDK's default trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        var client = settings.HasExplicitCredentials
            ? new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config)
            : new AmazonS3Client(config);
        var note = settings.Endpoint is { } e ? $" at {e.GetLeftPart(UriPartial.Authority)}" : $" in {settings.Region}";
        return new S3LakeStorage(client, location, ownsClient: true, note);
    }

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        return PutStreamAsync(key, stream, cancellationToken);
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek && content.Position == 0)
        {
            await PutStreamAsync(key, content, cancellationToken, dispose: false).ConfigureAwait(false);
            return;
        }

        // One PUT needs the length up front and the SDK sends a seekable stream from its start: a stream that cannot tell
        // its length, or is not at its start, is read into memory (files are at most ~128 MiB).
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await PutStreamAsync(key, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetObjectAsync(Bucket, ObjectKey(key), cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(Bucket, ObjectKey(key), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        LakeKeys.ValidatePrefix(prefix);
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = _keyPrefix + prefix, MaxKeys = PageSize };
        var keys = new List<string>();
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            foreach (var entry in response.S3Objects ?? [])
            {
                keys.Add(entry.Key[_keyPrefix.Length..]);
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _client.DeleteObjectAsync(Bucket, ObjectKey(key), cancellationToken);

    /// <inheritdoc />
    public Task DeleteUnfinishedPutsAsync(string prefix, CancellationToken cancellationToken)
    {
        // A put is one PutObject request: an interrupted one stores nothing.
        LakeKeys.ValidatePrefix(prefix);
        return Task.CompletedTask;
    }

    /// <summary>Disposes the client when this storage created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private async Task PutStreamAsync(string key, Stream content, CancellationToken cancellationToken, bool dispose = true)
    {
        try
        {
            var request = new PutObjectRequest
            {
                BucketName = Bucket,
                Key = ObjectKey(key),
                InputStream = content,
                AutoCloseStream = false,
                // A plain signed body: aws-chunked uploads are not understood by every S3-compatible server (s3rver stores the chunk framing).
                UseChunkEncoding = false,
                ContentType = key.EndsWith(".parquet", StringComparison.Ordinal) ? "application/vnd.apache.parquet" : "application/octet-stream",
            };
            await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (dispose)
            {
                await content.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private string ObjectKey(string key)
    {
        LakeKeys.Validate(key);
        return _keyPrefix + key;
    }
}
