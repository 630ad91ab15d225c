using ActorStreams.Actors.Internal;

namespace ActorStreams.Actors;

/// <summary>
/// Ordered shutdown of a node: tasks registered per phase run concurrently within their phase, phases run in
/// <see cref="Phases"/> order, each bounded by a timeout (after which its tasks' token is cancelled and the next
/// phase starts), and the last phase terminates the actor system. <see cref="RunAsync"/> is idempotent.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>Stop accepting new work before unbinding services.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";

    /// <summary>Unbind listeners (HTTP, consumers).</summary>
    public const string PhaseServiceUnbind = "service-unbind";

    /// <summary>Wait for in-flight requests.</summary>
    public const string PhaseServiceRequestsDone = "service-requests-done";

    /// <summary>Stop services.</summary>
    public const string PhaseServiceStop = "service-stop";

    /// <summary>Before leaving the cluster.</summary>
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";

    /// <summary>Hand off shards (checkpoint and stop entities).</summary>
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";

    /// <summary>Leave the cluster.</summary>
    public const string PhaseClusterLeave = "cluster-leave";

    /// <summary>Cluster shut down.</summary>
    public const string PhaseClusterShutdown = "cluster-shutdown";

    /// <summary>Last chance before the actor system terminates.</summary>
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>Terminates the actor system.</summary>
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(string Name, Func<CancellationToken, Task> Task)>> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _timeouts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _startedPhases = new(StringComparer.Ordinal);
    private Task? _run;

    internal CoordinatedShutdown(ActorSystem system) => _system = system;

    /// <summary>The phases in execution order.</summary>
    public static IReadOnlyList<string> Phases { get; } =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
        PhaseBeforeClusterShutdown, PhaseClusterShardingShutdownRegion, PhaseClusterLeave, PhaseClusterShutdown,
        PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    /// <summary>The reason of the run, once started.</summary>
    public CoordinatedShutdownReason? Reason { get; private set; }

    /// <summary>Registers a task for <paramref name="phase"/>; tasks added after their phase started do not run.</summary>
    /// <exception cref="ArgumentException">Unknown phase.</exception>
    public void AddTask(string phase, string name, Func<CancellationToken, Task> task)
    {
        CheckPhase(phase);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            if (_startedPhases.Contains(phase))
            {
                Log.ShutdownTaskTooLate(_system.Logger, name, phase);
                return;
            }

            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }

            list.Add((name, task));
        }
    }

    /// <summary>Overrides the timeout of one phase (default: <see cref="ActorSystemSettings.ShutdownPhaseTimeout"/>).</summary>
    public void SetPhaseTimeout(string phase, TimeSpan timeout)
    {
        CheckPhase(phase);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        lock (_gate)
        {
            _timeouts[phase] = timeout;
        }
    }

    /// <summary>Runs all phases once; later calls return the same task. Completes after the system terminated.</summary>
    public Task RunAsync(CoordinatedShutdownReason? reason = null)
    {
        lock (_gate)
        {
            if (_run is null)
            {
                Reason = reason ?? CoordinatedShutdownReason.Unknown;
                _run = Task.Run(RunPhasesAsync);
            }

            return _run;
        }
    }

    private static void CheckPhase(string phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (!Phases.Contains(phase))
        {
            throw new ArgumentException($"unknown coordinated-shutdown phase \"{phase}\"; known: {string.Join(", ", Phases)}", nameof(phase));
        }
    }

    private async Task RunPhasesAsync()
    {
        Log.ShutdownStarted(_system.Logger, Reason!.Name);
        var time = _system.TimeProvider;
        foreach (var phase in Phases)
        {
            List<(string Name, Func<CancellationToken, Task> Task)> tasks;
            TimeSpan timeout;
            lock (_gate)
            {
                _startedPhases.Add(phase);
                tasks = _tasks.TryGetValue(phase, out var list) ? [.. list] : [];
                timeout = _timeouts.GetValueOrDefault(phase, _system.Settings.ShutdownPhaseTimeout);
            }

            using var cancellation = new CancellationTokenSource(timeout, time);
            var running = new List<Task>(tasks.Count + 1);
            foreach (var (name, task) in tasks)
            {
                running.Add(RunTaskAsync(phase, name, task, cancellation.Token));
            }

            if (phase == PhaseActorSystemTerminate)
            {
                running.Add(_system.Terminate());
            }

            try
            {
                await Task.WhenAll(running).WaitAsync(timeout, time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.ShutdownPhaseTimedOut(_system.Logger, phase, timeout);
                await cancellation.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunTaskAsync(string phase, string name, Func<CancellationToken, Task> task, CancellationToken cancellationToken)
    {
        try
        {
            await task(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ShutdownTaskFailed(_system.Logger, ex, name, phase);
        }
    }
}
