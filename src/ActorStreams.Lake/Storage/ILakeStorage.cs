namespace ActorStreams.Lake.Storage;

/// <summary>
/// Where the lake's objects live: a directory or an S3 bucket. Keys are relative, <c>/</c>-separated paths without empty,
/// <c>.</c> or <c>..</c> segments (<c>transactions/dt=2026-11-22/hour=05/part-node-1-3-0.parquet</c>). A put is atomic: a
/// reader sees the whole old object or the whole new one, never a part.
/// </summary>
public interface ILakeStorage : IDisposable
{
    /// <summary>Where the objects are, for logs and messages (never a secret): <c>directory /data/lake</c>, <c>s3://bucket/prefix</c>.</summary>
    string Description { get; }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> atomically, replacing an object already there.</summary>
    /// <exception cref="ArgumentException">The key is not a valid lake key.</exception>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Stores the rest of <paramref name="content"/> under <paramref name="key"/> atomically, replacing an object already there.</summary>
    /// <exception cref="ArgumentException">The key is not a valid lake key.</exception>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The object under <paramref name="key"/>, or null when there is none.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>True when an object is stored under <paramref name="key"/>.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Every key that starts with <paramref name="prefix"/> (a plain string prefix, at any depth; empty lists all), in
    /// ordinal order.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Removes the object under <paramref name="key"/>; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what puts of keys starting with <paramref name="prefix"/> left behind when their process died half-way (a
    /// directory's temporary files; an S3 put is one request and leaves nothing). The keys' owner calls it when it takes
    /// them over: a put of them still running elsewhere then fails, as a stale owner's should.
    /// </summary>
    Task DeleteUnfinishedPutsAsync(string prefix, CancellationToken cancellationToken);
}
