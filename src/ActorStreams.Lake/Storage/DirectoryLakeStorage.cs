using ActorStreams.Lake.Internal;

namespace ActorStreams.Lake.Storage;

/// <summary>
/// The lake in a local directory: a key is a file path under the root. A put writes a temporary file in the target's
/// directory, flushes it to disk and renames it over the target, so a reader or a crash never sees half a file.
/// </summary>
public sealed class DirectoryLakeStorage : ILakeStorage
{
    /// <summary>The start of temporary file names: listings skip them.</summary>
    internal const string TemporaryPrefix = ".lake-tmp-";

    /// <summary>Uses the directory <paramref name="root"/> (created on the first put).</summary>
    public DirectoryLakeStorage(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The root directory, absolute.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Description => $"directory {Root}";

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        PutAsync(key, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), cancellationToken);

    /// <inheritdoc />
    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return PutAsync(key, (stream, ct) => content.CopyToAsync(stream, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(PathOf(key)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        LakeKeys.ValidatePrefix(prefix);
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? Root : Path.Combine(Root, prefix[..slash]);
        var keys = new List<string>();
        if (Directory.Exists(start))
        {
            foreach (var file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (key.StartsWith(prefix, StringComparison.Ordinal) && !Path.GetFileName(file).StartsWith(TemporaryPrefix, StringComparison.Ordinal))
                {
                    keys.Add(key);
                }
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // No directory, no file: deleting an absent object is no error.
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteUnfinishedPutsAsync(string prefix, CancellationToken cancellationToken)
    {
        LakeKeys.ValidatePrefix(prefix);
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? Root : Path.Combine(Root, prefix[..slash]);
        if (Directory.Exists(start))
        {
            foreach (var file in Directory.EnumerateFiles(start, TemporaryPrefix + "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (TargetOf(file) is { } target && target.StartsWith(prefix, StringComparison.Ordinal))
                {
                    File.Delete(file);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private async Task PutAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        // Named after its target, so that whoever takes the key over can find and delete it after a crash.
        var temporary = Path.Combine(directory, $"{TemporaryPrefix}{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                // On disk before the rename: after a crash the name never points at a file whose data was still in the page cache.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The key a temporary file <c>.lake-tmp-&lt;name&gt;.&lt;guid&gt;</c> was to become, or null for any other file.</summary>
    private string? TargetOf(string temporary)
    {
        var name = Path.GetFileName(temporary);
        var dot = name.LastIndexOf('.');
        if (!name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) || dot <= TemporaryPrefix.Length || name.Length - dot - 1 != 32)
        {
            return null;
        }

        var directory = Path.GetRelativePath(Root, Path.GetDirectoryName(temporary)!).Replace(Path.DirectorySeparatorChar, '/');
        var target = name[TemporaryPrefix.Length..dot];
        return directory == "." ? target : $"{directory}/{target}";
    }

    private string PathOf(string key)
    {
        LakeKeys.Validate(key);
        return Path.Combine(Root, key);
    }
}
