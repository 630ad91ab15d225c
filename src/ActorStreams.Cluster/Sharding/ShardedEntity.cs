using ActorStreams.Actors;
using ActorStreams.Cluster.Internal;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Base of entity actors living in a partition-aligned shard. On start it restores its state from the store
/// (lazily, on the first message, stashing messages meanwhile) or creates it; it then handles the shard's
/// <see cref="ShardWork"/> one at a time. A failure while handling a record sends the record to the
/// dead-letter topic with the reason, and the entity goes on (nothing is dropped silently).
/// </summary>
/// <typeparam name="TId">The entity id type.</typeparam>
/// <typeparam name="TState">The entity state type.</typeparam>
public abstract partial class ShardedEntity<TId, TState> : Actor
    where TId : notnull
    where TState : class
{
    private readonly EntityContext<TId, TState> _context;
    private readonly ILogger _logger;
    private TState? _state;

    /// <summary>Creates the entity for <paramref name="context"/>.</summary>
    protected ShardedEntity(EntityContext<TId, TState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = context.Services.LoggerFactory.CreateLogger(GetType());
    }

    /// <summary>The entity's id.</summary>
    protected TId Id => _context.Handle.Id;

    /// <summary>The entity's state (available from the first <see cref="Handle"/> on).</summary>
    protected TState State => _state ?? throw new InvalidOperationException("the entity state is not loaded yet");

    /// <summary>The node's shared services.</summary>
    protected ShardServices Services => _context.Services;

    /// <summary>The entity's shard.</summary>
    protected IActorRef Shard => _context.Shard;

    /// <summary>Handles one unit of work; outputs go through <see cref="Produce"/>.</summary>
    protected abstract void Handle(ShardWork work);

    /// <summary>Messages other than work (queries); the default treats them as unhandled.</summary>
    protected virtual void HandleOther(object message) => Unhandled(message);

    /// <summary>Produces an output record for <paramref name="work"/>: the work finishes only once it is delivered.</summary>
    protected void Produce(string topic, byte[]? key, byte[] value, ShardWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.AddPending();
        try
        {
            Services.Sink.Produce(topic, key, value, work);
        }
        catch
        {
            work.Release();
            throw;
        }
    }

    /// <inheritdoc />
    protected sealed override void PreStart()
    {
        var handle = _context.Handle;
        if (handle.MayBeStored && _context.Loader is { } loader)
        {
            loader.LoadAsync(_context.Kind.FormatId(handle.Id)).PipeTo(
                Self,
                state => new ShardProtocol.EntityLoaded(state, null),
                error => new ShardProtocol.EntityLoaded(null, error));
            return;
        }

        SetState(_context.Kind.Create(handle.Id));
        Services.Metrics.EntityCreated();
    }

    /// <inheritdoc />
    protected sealed override void Receive(object message)
    {
        switch (message)
        {
            case ShardWork work when _state is null:
                _ = work;
                Stash.Stash();
                break;
            case ShardWork work:
                Process(work);
                break;
            case ShardProtocol.EntityLoaded loaded:
                OnLoaded(loaded);
                break;
            case ShardProtocol.DescribeEntity describe when _state is not null:
                describe.Result.TrySetResult(Describe(_context.Kind, _state));
                break;
            default:
                if (_state is null)
                {
                    Stash.Stash();
                }
                else
                {
                    HandleOther(message);
                }

                break;
        }
    }

    /// <summary>The JSON description of <paramref name="state"/>.</summary>
    internal static byte[] Describe(EntityKind<TId, TState> kind, TState state)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            kind.Describe(state, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void OnLoaded(ShardProtocol.EntityLoaded loaded)
    {
        var kind = _context.Kind;
        if (loaded.Error is { } error)
        {
            // Without its state the entity cannot process anything correctly: fail the shard, not the data.
            throw new ActorStreamsException($"cannot load {kind.Name} {kind.FormatId(Id)} from {Services.Store.Description}: {error.Message}", error);
        }

        if (loaded.State is { } snapshot)
        {
            SetState(kind.Restore(Id, snapshot));
            Services.Metrics.EntityRestored();
        }
        else
        {
            SetState(kind.Create(Id));
            Services.Metrics.EntityCreated();
        }

        Stash.UnstashAll();
    }

    private void SetState(TState state)
    {
        _state = state;
        _context.Handle.State = state;
    }

    private void Process(ShardWork work)
    {
        try
        {
            Handle(work);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Services.Metrics.ProcessingFailed();
            LogProcessingFailed(_logger, ex, _context.Kind.Name, _context.Kind.FormatId(Id), work.Record?.ToString() ?? work.GetType().Name);
            if (work.Record is { } record)
            {
                DeadLetters.Produce(Services, record, $"processing failed: {ex.GetType().Name}: {ex.Message}", work);
            }
        }
        finally
        {
            work.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} {EntityId} failed processing {Work}; the record goes to the dead-letter topic")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string kind, string entityId, string work);
}
