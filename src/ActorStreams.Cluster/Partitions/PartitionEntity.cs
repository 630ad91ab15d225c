using ActorStreams.Cluster.Sharding;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// Base of the entity actors of a sharded type (customer, merchant). An entity handles commands only from the current
/// consumer of its partition on this node (its epoch), starts from the state the consumer sends with its first command,
/// gives the consumer a handle on its state with every reply (read at checkpoint barriers, when no work for the entity is
/// in flight), and stops — on passivation or handoff — only once that state is in a checkpoint. A failure while handling a command is its result (the record is dead-lettered), never a crash.
/// </summary>
/// <typeparam name="TId">The entity id type.</typeparam>
/// <typeparam name="TState">The entity state type.</typeparam>
public abstract partial class PartitionEntity<TId, TState> : UntypedActor, IWithTimers
    where TId : notnull
    where TState : class
{
    private readonly EntityKind<TId, TState> _kind;
    private readonly PartitionRegistry _registry;
    private readonly ShardMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _stopTimeout;
    private TState? _state;
    private StateHandle? _handle;
    private long _epoch = -1;
    private long _lastSequence;
    private bool _stopRequested;

    /// <summary>Creates the entity; its id and partition come from its actor name and its shard's.</summary>
    protected PartitionEntity(EntityKind<TId, TState> kind, EntityServices services)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(services);
        _kind = kind;
        _registry = services.Registry;
        _metrics = services.Metrics;
        _logger = services.LoggerFactory.CreateLogger(GetType());
        _stopTimeout = services.HandoffTimeout;
        EntityId = Uri.UnescapeDataString(Self.Path.Name);
        Partition = int.Parse(Uri.UnescapeDataString(Context.Parent.Path.Name), System.Globalization.CultureInfo.InvariantCulture);
        Id = _kind.TryParseId(PartitionEntityIds.RecordId(EntityId), out var id)
            ? id
            : throw new ArgumentException($"\"{EntityId}\" is not a valid {_kind.Name} id");
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The sharding entity id.</summary>
    protected string EntityId { get; }

    /// <summary>The entity's id.</summary>
    protected TId Id { get; }

    /// <summary>The entity's partition (its shard).</summary>
    protected int Partition { get; }

    /// <summary>Handles a command's payload against <paramref name="state"/> and returns what the pipeline needs (outputs, a forward).</summary>
    protected abstract object? Handle(object payload, TState state);

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EntityCommand command:
                OnCommand(command);
                break;
            case PassivateEntity passivate:
                if (passivate.Epoch == _epoch && passivate.LastSequence == _lastSequence)
                {
                    Context.Parent.Tell(new Passivate(PassivationStop.Instance));
                    _metrics.EntityPassivated();
                }

                break;
            case PassivationStop:
                Context.Stop(Self);
                break;
            case EntityStop:
                // Handoff: work of the partition may still be on its way here while its consumer takes the final
                // checkpoint; stop once that consumer is gone (or, at the latest, after the handoff timeout).
                _stopRequested = true;
                Timers.StartPeriodicTimer("consumer-gone", ConsumerGoneCheck.Instance, TimeSpan.FromMilliseconds(100));
                Timers.StartSingleTimer("stop", PoisonPill.Instance, _stopTimeout);
                StopIfConsumerGone();
                break;
            case ConsumerGoneCheck:
                StopIfConsumerGone();
                break;
            case DescribeEntity:
                Sender.Tell(new EntityDescription(EntityId, _state is null ? "null"u8.ToArray() : _kind.DescribeToJson(_state)));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnCommand(EntityCommand command)
    {
        if (Sender.Path.Address.HasGlobalScope)
        {
            _metrics.RemoteDelivery();
        }

        if (_registry.CurrentEpoch(_kind.Name, Partition) != command.Epoch)
        {
            Sender.Tell(new EntityRejected(command.Sequence, EntityId, $"epoch {command.Epoch} is not the current consumer of {_kind.Name} partition {Partition} on this node"));
            return;
        }

        if (command.Epoch != _epoch || _state is null)
        {
            if (!command.Fresh)
            {
                Sender.Tell(new EntityRejected(command.Sequence, EntityId, "no state of this epoch to apply the command to"));
                return;
            }

            _state = command.State is { } stored ? _kind.Restore(Id, stored) : _kind.Create(Id);
            _handle = new StateHandle(_kind, _state);
            _epoch = command.Epoch;
            if (command.State is null)
            {
                _metrics.EntityCreated();
            }
            else
            {
                _metrics.EntityRestored();
            }
        }

        _lastSequence = command.Sequence;
        object? result;
        try
        {
            result = Handle(command.Payload, _state);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogHandlingFailed(_logger, ex, _kind.Name, EntityId, command.Payload.GetType().Name);
            _metrics.ProcessingFailed();
            result = new HandlingFailed($"processing failed: {ex.GetType().Name}: {ex.Message}");
        }

        Sender.Tell(new EntityReply(command.Sequence, result, _kind.KeepActive(_state), _handle));
    }

    private void StopIfConsumerGone()
    {
        if (_stopRequested && _registry.CurrentEpoch(_kind.Name, Partition) != _epoch)
        {
            Context.Stop(Self);
        }
    }

    /// <summary>This entity's state as its consumer captures it at a barrier, when no work for the entity is in flight.</summary>
    private sealed class StateHandle(EntityKind<TId, TState> kind, TState state) : EntityStateHandle
    {
        public override bool KeepActive => kind.KeepActive(state);

        public override byte[] Serialize() => kind.SerializeToArray(state);
    }

    private sealed class ConsumerGoneCheck
    {
        public static readonly ConsumerGoneCheck Instance = new();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} {EntityId} failed handling {Payload}; the record goes to the dead-letter topic")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, string kind, string entityId, string payload);
}
