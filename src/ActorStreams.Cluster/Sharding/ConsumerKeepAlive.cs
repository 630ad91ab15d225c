using ActorStreams.Cluster.Partitions;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Keeps every partition's consumer running (docs/design.md §2): a shard starts only when a message reaches it, so this
/// actor sends <see cref="Akka.Cluster.Sharding.ShardRegion.StartEntity"/> for each consumer id of each region every interval and ignores the
/// acknowledgements. A consumer whose shard moved starts on its new node at the next round. Stop it when shutdown starts,
/// or it keeps shards alive that are being handed off.
/// </summary>
/// <remarks>
/// When a ledger reports that it could not use the store (<see cref="LedgerStoreFailed"/>), the keep-alive stops
/// starting consumers: the failed ones stay stopped, and the others stop at their next checkpoint, so consumption pauses
/// (docs/design.md §3). It asks a <see cref="StoreProbe"/> at once, then after growing waits
/// (<see cref="LedgerSettings.RetryMinBackoff"/> doubling up to <see cref="LedgerSettings.RetryMaxBackoff"/>); the first
/// answer starts every consumer again, each from its last written checkpoint. Restarting them every round instead would
/// make each partition fail its recovery against the store every second, and keep the persistence plugins' circuit
/// breakers open after the store is back.
/// </remarks>
public sealed partial class ConsumerKeepAlive : ReceiveActor, IWithTimers
{
    private const string ProbeTimer = "store-probe";

    private readonly IReadOnlyList<(IActorRef Region, int Partitions)> _regions;
    private readonly TimeSpan _interval;
    private readonly LedgerSettings _retry;
    private readonly string _store;
    private readonly ShardMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _unavailableSince;
    private int _attempts;
    private long _probes;
    private IActorRef? _probe;

    /// <summary>Creates the keep-alive of <paramref name="regions"/>, each with its partition count; <paramref name="store"/> names the store in log lines.</summary>
    public ConsumerKeepAlive(IReadOnlyList<(IActorRef Region, int Partitions)> regions, PartitionServices services, string store)
    {
        ArgumentNullException.ThrowIfNull(services);
        _regions = regions;
        _interval = services.Cluster.KeepAliveInterval;
        _retry = services.Ledger;
        _store = store;
        _metrics = services.ShardMetrics;
        _time = services.Time;
        _logger = services.LoggerFactory.CreateLogger<ConsumerKeepAlive>();
        Receive<Tick>(_ => OnTick());
        Receive<LedgerStoreFailed>(OnStoreFailed);
        Receive<ProbeNow>(_ => StartProbe());
        Receive<StoreAnswered>(_ => OnStoreAnswered());
        Receive<StoreUnanswered>(OnStoreUnanswered);
        Receive<Terminated>(t => OnProbeStopped(t.ActorRef));

        // The regions' StartEntityAck replies (internal to Akka) carry nothing this actor needs.
        ReceiveAny(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private bool StoreUnavailable => _unavailableSince != 0;

    /// <summary>The props of the keep-alive.</summary>
    public static Props Props(IReadOnlyList<(IActorRef Region, int Partitions)> regions, PartitionServices services, string store) =>
        Akka.Actor.Props.Create(() => new ConsumerKeepAlive(regions, services, store));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(LedgerStoreFailed));
        Timers.StartPeriodicTimer("keep-alive", Tick.Instance, TimeSpan.Zero, _interval);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private void OnTick()
    {
        if (!StoreUnavailable)
        {
            StartAll();
        }
    }

    private void StartAll()
    {
        foreach (var (region, partitions) in _regions)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                region.Tell(new Akka.Cluster.Sharding.ShardRegion.StartEntity(PartitionEntityIds.Consumer(partition)));
            }
        }
    }

    private void OnStoreFailed(LedgerStoreFailed failed)
    {
        if (StoreUnavailable)
        {
            // Known: the probe decides when the partitions start again.
            return;
        }

        _unavailableSince = Math.Max(1, _time.GetTimestamp());
        _attempts = 0;
        _metrics.StoreBecameUnavailable();
        LogUnavailable(_logger, _store, failed.PersistenceId, Reason(failed.Cause));

        // At once: a write fenced off by another owner also lands here, and the store then answers right away.
        StartProbe();
    }

    private void StartProbe()
    {
        if (!StoreUnavailable || _probe is not null)
        {
            return;
        }

        _attempts++;
        _probe = Context.Watch(Context.ActorOf(StoreProbe.Props(), $"store-probe-{++_probes}"));
    }

    private void OnStoreAnswered()
    {
        ProbeFinished();
        if (!StoreUnavailable)
        {
            return;
        }

        var unavailable = _time.GetElapsedTime(_unavailableSince);
        _unavailableSince = 0;
        _metrics.StoreBecameAvailable();
        LogAvailable(_logger, _store, unavailable.TotalSeconds, _attempts);
        StartAll();
    }

    private void OnStoreUnanswered(StoreUnanswered unanswered)
    {
        ProbeFinished();
        if (!StoreUnavailable)
        {
            return;
        }

        var wait = _retry.RetryBackoff(_attempts);
        LogStillUnavailable(_logger, _store, _time.GetElapsedTime(_unavailableSince).TotalSeconds, Reason(unanswered.Cause), wait.TotalSeconds);
        Timers.StartSingleTimer(ProbeTimer, ProbeNow.Instance, wait);
    }

    private void OnProbeStopped(IActorRef probe)
    {
        // A probe answers before it stops; one that did not is handled as unanswered.
        if (probe.Equals(_probe))
        {
            OnStoreUnanswered(new StoreUnanswered(new ActorStreamsException("the store probe stopped without an answer")));
        }
    }

    private void ProbeFinished()
    {
        if (_probe is { } probe)
        {
            Context.Unwatch(probe);
            _probe = null;
        }
    }

    /// <summary>The innermost message: the plugins wrap the driver's exception (connection refused, timeout) in their own.</summary>
    private static string Reason(Exception cause)
    {
        var inner = cause;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }

        return ReferenceEquals(inner, cause) ? cause.Message : $"{cause.Message} ({inner.Message})";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "store {Store}: ledger {PersistenceId} could not use it ({Reason}); the partitions pause until the store answers, then resume from their last checkpoints")]
    private static partial void LogUnavailable(ILogger logger, string store, string persistenceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "store {Store} is still unavailable after {Seconds:0.0} s ({Reason}); next attempt in {Wait:0.0} s")]
    private static partial void LogStillUnavailable(ILogger logger, string store, double seconds, string reason, double wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "store {Store} answers again after {Seconds:0.0} s ({Attempts} attempts); the partitions resume from their last checkpoints")]
    private static partial void LogAvailable(ILogger logger, string store, double seconds, int attempts);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class ProbeNow
    {
        public static readonly ProbeNow Instance = new();
    }
}
