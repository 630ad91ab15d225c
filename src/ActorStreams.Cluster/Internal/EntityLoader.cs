using System.Collections.Concurrent;
using ActorStreams.Persistence;

namespace ActorStreams.Cluster.Internal;

/// <summary>
/// Loads entity states for one shard, batching the requests that arrive while a load is running into one
/// store query (a restarted node touching many entities at once makes one round trip per batch, not per entity).
/// </summary>
internal sealed class EntityLoader
{
    private const int MaxBatch = 512;
    private readonly IStateStore _store;
    private readonly ShardKey _shard;
    private readonly ConcurrentQueue<(string Id, TaskCompletionSource<byte[]?> Result)> _requests = new();
    private int _running;

    public EntityLoader(IStateStore store, ShardKey shard)
    {
        _store = store;
        _shard = shard;
    }

    public Task<byte[]?> LoadAsync(string entityId)
    {
        var result = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Enqueue((entityId, result));
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync);
        }

        return result.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<(string Id, TaskCompletionSource<byte[]?> Result)>();
            while (batch.Count < MaxBatch && _requests.TryDequeue(out var request))
            {
                batch.Add(request);
            }

            if (batch.Count > 0)
            {
                try
                {
                    var states = await _store.LoadEntitiesAsync(_shard, [.. batch.Select(b => b.Id).Distinct(StringComparer.Ordinal)], CancellationToken.None).ConfigureAwait(false);
                    foreach (var (id, result) in batch)
                    {
                        result.TrySetResult(states.GetValueOrDefault(id));
                    }
                }
                catch (Exception ex)
                {
                    foreach (var (_, result) in batch)
                    {
                        result.TrySetException(ex);
                    }
                }

                continue;
            }

            // Nothing queued: stop, unless a request raced with the decision to stop.
            Volatile.Write(ref _running, 0);
            if (_requests.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
