using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Support;

/// <summary>A test class that starts its own <see cref="TestCluster"/> per test (logging to the test output) and disposes it after.</summary>
public abstract class ClusterTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _afterCluster = [];
    private TestCluster? _cluster;

    /// <summary>The test's log, written to its output.</summary>
    protected TestOutputLoggerFactory Logs { get; } = new() { Output = output };

    /// <summary>Creates the test's cluster (no node started yet) with <paramref name="settings"/> over the defaults.</summary>
    protected TestCluster CreateCluster(params (string Key, string Value)[] settings) =>
        _cluster = TestCluster.Create(Logs, settings);

    /// <summary>Disposes <paramref name="resource"/> once the cluster has stopped: something its nodes use to the end (e.g. a double of a server).</summary>
    protected T DisposeAfterCluster<T>(T resource)
        where T : IAsyncDisposable
    {
        _afterCluster.Add(resource);
        return resource;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }

        foreach (var resource in _afterCluster)
        {
            await resource.DisposeAsync();
        }
    }
}
