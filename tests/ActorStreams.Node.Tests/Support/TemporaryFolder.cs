namespace ActorStreams.Node.Tests.Support;

/// <summary>A new temporary folder, deleted on disposal (give it to <see cref="ClusterTest.DisposeAfterCluster{T}"/> when nodes write into it).</summary>
public sealed class TemporaryFolder : IAsyncDisposable
{
    /// <summary>Creates a folder named after <paramref name="prefix"/> under the system's temporary folder.</summary>
    public TemporaryFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
