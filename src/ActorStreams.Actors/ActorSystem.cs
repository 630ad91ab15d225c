using ActorStreams.Actors.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Actors;

/// <summary>
/// A hierarchy of actors sharing settings, a clock, a scheduler, an event stream and dead letters.
/// Top-level actors live under <c>/user</c>; <see cref="Terminate"/> stops them all, children first.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly DeadLettersRef _deadLetters;
    private long _deadLetterCount;
    private long _loggedDeadLetters;
    private long _tempCounter;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Name = name;
        Settings = settings;
        Throughput = settings.Throughput;
        TimeProvider = time;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("ActorStreams.Actors");
        RootPath = ActorPath.Root(name);
        DefaultSupervisorStrategy = SupervisorStrategy.FromSettings(settings);
        EventStream = new EventStream(Logger);
        Scheduler = new TimeProviderScheduler(this);
        CoordinatedShutdown = new CoordinatedShutdown(this);
        _deadLetters = new DeadLettersRef(this);

        var rootStrategy = new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Stop);
        _root = new ActorCell(this, Props.Create(() => new GuardianActor(rootStrategy)), null, string.Empty);
        _root.SendSystemMessage(new CreateActor());
        var userStrategy = settings.GuardianSupervision switch
        {
            GuardianSupervision.Stop => SupervisorStrategy.StoppingStrategy,
            GuardianSupervision.Escalate => new OneForOneStrategy(_ => Directive.Escalate),
            _ => DefaultSupervisorStrategy,
        };
        _userGuardian = _root.CreateChild(Props.Create(() => new GuardianActor(userStrategy)), "user");
        _systemGuardian = _root.CreateChild(Props.Create(() => new GuardianActor(DefaultSupervisorStrategy)), "system");
    }

    /// <summary>The system's name, the authority of its actor paths.</summary>
    public string Name { get; }

    /// <summary>The settings it runs with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The clock of timers, the scheduler, ask timeouts and supervision windows.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The logger factory of the runtime's log events.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Delayed and periodic sends.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>System-wide publish/subscribe; dead letters and unhandled messages are published here.</summary>
    public EventStream EventStream { get; }

    /// <summary>Ordered shutdown phases ending with <see cref="Terminate"/>.</summary>
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>The reference of undeliverable messages; whatever is told to it counts as a dead letter.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>Number of dead letters so far (messages to stopped actors, mailbox overflows, messages to <see cref="DeadLetters"/>).</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Completes when the system has terminated.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>True once the system has terminated.</summary>
    public bool IsTerminated => _terminated.Task.IsCompleted;

    internal int Throughput { get; }

    internal ILogger Logger { get; }

    internal ActorPath RootPath { get; }

    internal SupervisorStrategy DefaultSupervisorStrategy { get; }

    /// <summary>Creates and starts an actor system.</summary>
    /// <param name="name">Letters, digits, '-' and '_'; the authority of its actor paths.</param>
    /// <param name="settings">Settings; null uses <see cref="ActorSystemSettings.Default"/>.</param>
    /// <param name="time">The clock; null uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where the runtime logs; null discards.</param>
    /// <exception cref="ArgumentException">Invalid name or settings.</exception>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"actor system name must be letters, digits, '-' and '_' starting with a letter or digit, got \"{name}\"", nameof(name));
        }

        return new ActorSystem(name, (settings ?? ActorSystemSettings.Default).Validate(), time ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>; a null name picks a unique one.</summary>
    /// <exception cref="InvalidActorNameException">The name is malformed or taken.</exception>
    /// <exception cref="InvalidOperationException">The system is terminating.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Stops an actor asynchronously (children first, then its <c>PostStop</c>).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is InternalActorRef target)
        {
            target.SendSystemMessage(new TerminateActor());
        }
    }

    /// <summary>Stops every actor and completes <see cref="WhenTerminated"/>; idempotent.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _root.SendSystemMessage(new TerminateActor());
        }

        return WhenTerminated;
    }

    /// <summary>Terminates the system and waits for it.</summary>
    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    /// <summary>A reference outside the tree whose messages go to <paramref name="onMessage"/> (probes, graceful stop).</summary>
    internal FunctionRef CreateFunctionRef(string name, Action<object, IActorRef?> onMessage) =>
        new(_systemGuardian.Path.Child(name), onMessage);

    internal ActorPath NewTempPath() =>
        RootPath.Child("temp").Child("$" + Interlocked.Increment(ref _tempCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient, DeadLetterReason reason)
    {
        Interlocked.Increment(ref _deadLetterCount);
        if (message is DeadLetter)
        {
            return;
        }

        if (Logger.IsEnabled(LogLevel.Information))
        {
            if (Interlocked.Increment(ref _loggedDeadLetters) <= Settings.DeadLetterLogLimit)
            {
                Log.DeadLetter(Logger, reason, sender?.Path.ToString() ?? "no sender", recipient.Path, message.GetType().Name);
            }
            else
            {
                Log.DeadLetterDebug(Logger, reason, sender?.Path.ToString() ?? "no sender", recipient.Path, message.GetType().Name);
            }
        }

        if (EventStream.HasSubscribers)
        {
            EventStream.Publish(new DeadLetter(message, sender, recipient, reason));
        }
    }

    internal void PublishUnhandled(object message, IActorRef? sender, IActorRef recipient)
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Log.Unhandled(Logger, message.GetType().Name, sender?.Path.ToString() ?? "no sender", recipient.Path);
        }

        if (EventStream.HasSubscribers)
        {
            EventStream.Publish(new UnhandledMessage(message, sender, recipient));
        }
    }

    internal void OnRootTerminated()
    {
        Interlocked.Exchange(ref _terminating, 1);
        _terminated.TrySetResult();
    }
}
