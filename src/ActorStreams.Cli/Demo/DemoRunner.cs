using System.Globalization;
using ActorStreams.Cli.Commands;
using ActorStreams.Generator;
using ActorStreams.Hocon;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Node;
using ActorStreams.Persistence;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace ActorStreams.Cli.Demo;

/// <summary>
/// Runs <c>actorstreams demo</c>: the embedded dev broker, the reference tables, N nodes in this process, live
/// generators and the live view (or progress lines), then a clean stop and a summary.
/// </summary>
internal sealed class DemoRunner
{
    private const string ChurnModelKey = "actorstreams.churn.model";
    private static readonly TimeSpan ViewInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly CliContext _context;
    private readonly DemoOptions _options;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly IAnsiConsole _console;
    private readonly bool _ui;
    /// <summary>What the run itself sets in every node's configuration: the temporary store, the run's lake folder, the churn model.</summary>
    private List<KeyValuePair<string, string>> _runOverrides = [];
    private string? _lakeUri;

    private DemoRunner(CliContext context, DemoOptions options)
    {
        _context = context;
        _options = options;
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
        _ui = !options.NoUi && _console.Profile.Out.IsTerminal && _console.Profile.Capabilities.Interactive;
    }

    /// <summary>Runs the demo until Ctrl-C, SIGTERM or the end of <see cref="DemoOptions.Duration"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(CliContext context, DemoOptions options, CancellationToken cancellationToken) =>
        new DemoRunner(context, options).RunAsync(cancellationToken);

    /// <summary>The resolved configuration: reference &lt; application.conf &lt; demo.conf (or --config) &lt; environment &lt; flags.</summary>
    internal static Config LoadConfig(CliContext context, DemoOptions options, IEnumerable<KeyValuePair<string, string>> extra)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        if (options.Partitions is { } partitions)
        {
            overrides.Add(new("actorstreams.kafka.partitions", partitions.ToString(CultureInfo.InvariantCulture)));
        }

        if (options.Store is { } store)
        {
            overrides.Add(new("actorstreams.store.uri", store));
        }

        CommonOptions.AddElasticsearch(overrides, options.Elasticsearch);
        CommonOptions.AddLake(overrides, options.Lake);

        overrides.AddRange(options.Overrides);
        overrides.AddRange(extra);
        return ActorStreamsConfig.Load(context, options.ConfigFile ?? DemoConfigFile(context), overrides);
    }

    /// <summary><c>hocon/demo.conf</c> under the installation, when present.</summary>
    internal static string? DemoConfigFile(CliContext context)
    {
        var path = Path.Combine(context.Home, "hocon", "demo.conf");
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The demo's broker is new on every run, so checkpoints an earlier run left in a SQLite file would point past the
    /// ends of its topics (the nodes would skip records and restore stale state): such a file is refused.
    /// </summary>
    /// <exception cref="UsageException">The store is a SQLite file that exists and is not empty.</exception>
    internal static void RefuseUsedSqliteFile(string storeUri)
    {
        const string Scheme = "sqlite:";
        if (!storeUri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var path = storeUri[Scheme.Length..].Trim();
        var file = new FileInfo(path.Length == 0 ? Path.Combine("data", "actorstreams.db") : path);
        if (file.Exists && file.Length > 0)
        {
            throw new UsageException(
                $"--store {storeUri}: {file.FullName} holds an earlier run's state, but the demo's broker is new on every run, so its checkpoints " +
                "would point past the ends of the new topics; delete the file or name a new one");
        }
    }

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Everything the flags and configuration can get wrong fails here, before anything starts (exit code 2).
        var config = LoadConfig(_context, _options, []);

        // "temporary" (demo.conf): one SQLite file for all the demo's nodes, gone with the run like the broker's topics.
        using var temporary = TemporaryStore.IsRequested(config.GetString("actorstreams.store.uri", "")) ? TemporaryStore.Create("demo") : null;
        if (temporary is not null)
        {
            _runOverrides = [new("actorstreams.store.uri", temporary.Uri)];
            config = LoadConfig(_context, _options, _runOverrides);
        }

        // The lake (demo.conf: data/lake): a folder of its own per run, since the demo's broker, and so its offsets
        // and the lake's file names, start anew every time.
        var lakeUri = config.GetString("actorstreams.lake.uri", "").Trim();
        if (lakeUri.Length > 0)
        {
            _lakeUri = string.Create(CultureInfo.InvariantCulture, $"{lakeUri.TrimEnd('/')}/run-{_time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss}");
            _runOverrides = [.. _runOverrides, new("actorstreams.lake.uri", _lakeUri)];
            config = LoadConfig(_context, _options, _runOverrides);
        }

        var kafkaSettings = KafkaSettings.Create(config);
        var storeUri = NodeSettings.Create(config).StoreUri;
        RefuseUsedSqliteFile(storeUri);
        var generatorSettings = GeneratorSettings.Create(config) with
        {
            Rate = _options.Rate,
            Customers = _options.EffectiveCustomers,
            FraudRatio = _options.FraudRatio,
            Seed = _options.Seed ?? GeneratorSettings.Create(config).Seed,
            Start = null,
        };
        try
        {
            generatorSettings.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"demo: invalid generator settings: {e.Message}");
        }

        using var signal = new ShutdownSignal(cancellationToken);
        DemoBehaviour? behaviour;
        try
        {
            behaviour = await PrepareBehaviourAsync(config, generatorSettings, signal.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
        {
            await Say("stopped during start-up").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        using var behaviourFiles = behaviour;
        if (behaviour is not null)
        {
            _runOverrides = [.. _runOverrides, new(ChurnModelKey, behaviour.ModelPath)];
            config = LoadConfig(_context, _options, _runOverrides);
        }

        DemoLogFile? logFile = null;
        ILoggerFactory loggerFactory;
        if (_ui)
        {
            logFile = DemoLogFile.Create(_context.Home, _time);
            loggerFactory = logFile.CreateFactory();
        }
        else
        {
            loggerFactory = CliLogging.Create(LogLevel.Warning);
        }

        try
        {
            return await RunAsync(config, kafkaSettings, generatorSettings, behaviour, storeUri, loggerFactory, logFile?.Path, signal.Token).ConfigureAwait(false);
        }
        finally
        {
            loggerFactory.Dispose();
            logFile?.Dispose();
        }
    }

    /// <summary>
    /// The churn model for the nodes: none with <c>--no-behaviour</c>; the <c>--churn-model</c> zip (or one configured in
    /// <c>actorstreams.churn.model</c>) loaded, or else one trained on a backfill generated now.
    /// </summary>
    /// <exception cref="UsageException">The given model does not load.</exception>
    private async Task<DemoBehaviour?> PrepareBehaviourAsync(Config config, GeneratorSettings generatorSettings, CancellationToken stop)
    {
        if (_options.NoBehaviour)
        {
            return null;
        }

        if (_options.ChurnModel is { } model)
        {
            return await DemoBehaviour.LoadAsync(generatorSettings, model, "--churn-model", Say).ConfigureAwait(false);
        }

        var configured = config.GetString(ChurnModelKey, string.Empty).Trim();
        if (configured.Length > 0)
        {
            return await DemoBehaviour.LoadAsync(generatorSettings, configured, ChurnModelKey, Say).ConfigureAwait(false);
        }

        var started = _time.GetTimestamp();
        var trained = await DemoBehaviour.TrainAsync(generatorSettings, Say, stop).ConfigureAwait(false);
        await Say(string.Create(CultureInfo.InvariantCulture, $"customer events generated and churn model trained in {_time.GetElapsedTime(started).TotalSeconds:0.0} s")).ConfigureAwait(false);
        return trained;
    }

    private async Task<int> RunAsync(
        Config config, KafkaSettings kafkaSettings, GeneratorSettings generatorSettings, DemoBehaviour? behaviour, string storeUri, ILoggerFactory loggerFactory, string? logFile,
        CancellationToken stop)
    {
        var started = _time.GetTimestamp();
        var partitions = kafkaSettings.Partitions;
        await Say($"starting the dev broker (1 broker, {partitions} partitions per topic, in memory)").ConfigureAwait(false);
        using var broker = DevBroker.Start(kafkaSettings, brokerCount: 1);
        var kafka = kafkaSettings with { BootstrapServers = broker.BootstrapServers };
        await Say($"bootstrap: {broker.BootstrapServers}").ConfigureAwait(false);
        if (logFile is not null)
        {
            await Say($"node logs: {logFile}").ConfigureAwait(false);
        }

        var generators = new DemoGenerators(kafka, generatorSettings, _options.ActivityRate, _options.LoanRate, _time, loggerFactory);
        await using (generators.ConfigureAwait(false))
        {
            var outputs = new DemoOutputs(kafka, _time, loggerFactory);
            await using (outputs.ConfigureAwait(false))
            {
                DemoCluster cluster;
                long live;
                try
                {
                    // Transactions start at once: nothing reads them before the group's first assignment, a few seconds
                    // from now, and by then the generator has injected its first fraud patterns.
                    generators.StartTransactions();
                    generators.StartLoans();
                    if (behaviour is not null)
                    {
                        // The backfill the model was trained on: each customer's history, scored as it is read.
                        generators.StartCustomerEvents(behaviour.Backfill);
                        await Say(string.Create(CultureInfo.InvariantCulture,
                            $"customer-events: the backfill ({DemoBehaviour.Customers} customers, {DemoBehaviour.Days} days from {GeneratorSettings.DefaultStart:yyyy-MM-dd}) is produced alongside the live data; the nodes score it with churn model {behaviour.ModelName} {behaviour.ModelVersion}")).ConfigureAwait(false);
                    }

                    live = _time.GetTimestamp();

                    // Offers before the nodes: every node reads the offers table to its end before it processes anything.
                    await generators.PreloadOffersAsync(stop).ConfigureAwait(false);
                    var ids = Enumerable.Range(1, _options.Nodes).Select(i => $"demo-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
                    await Say($"starting {Plural(ids.Count, "node")} ({string.Join(", ", ids)}; store {storeUri}): each reads the offers table, then joins the cluster").ConfigureAwait(false);
                    var httpPort = NodeSettings.Create(config).HttpPort;
                    var configs = ids.Select((id, i) => LoadConfig(_context, _options, [.. _runOverrides, .. NodeOverrides(kafka.BootstrapServers, id, httpPort == 0 ? 0 : httpPort + i)])).ToList();

                    // Customer details load while the nodes start, then customer activity starts (details enrich it).
                    var alongside = Task.WhenAll(DetailsThenActivitiesAsync(generators, stop), outputs.StartAsync(stop));
                    cluster = await StartClusterAsync(configs, alongside, loggerFactory, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    await Say("stopped during start-up").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                await using (cluster.ConfigureAwait(false))
                {
                    var sampler = new DemoSampler(cluster, generators, outputs, kafka, partitions, storeUri, _time, started);
                    return await RunLiveAsync(cluster, generators, outputs, sampler, live, logFile, stop).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task DetailsThenActivitiesAsync(DemoGenerators generators, CancellationToken stop)
    {
        await generators.PreloadCustomerDetailsAsync(stop).ConfigureAwait(false);
        generators.StartActivities();
    }

    /// <summary>Starts the nodes while <paramref name="preload"/> runs; on failure stops the nodes that started.</summary>
    private static async Task<DemoCluster> StartClusterAsync(IReadOnlyList<Config> configs, Task preload, ILoggerFactory loggerFactory, CancellationToken stop)
    {
        var starting = DemoCluster.StartAsync(configs, loggerFactory, stop);
        try
        {
            await Task.WhenAll(starting, preload).ConfigureAwait(false);
            return await starting.ConfigureAwait(false);
        }
        catch
        {
            if (starting.IsCompletedSuccessfully)
            {
                var cluster = await starting.ConfigureAwait(false);
                await cluster.StopAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<int> RunLiveAsync(
        DemoCluster cluster, DemoGenerators generators, DemoOutputs outputs, DemoSampler sampler, long live, string? logFile, CancellationToken signal)
    {
        using var duration = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signal, duration.Token);
        if (_options.Duration is { } limit)
        {
            duration.CancelAfter(limit - _time.GetElapsedTime(live) is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        }

        var until = _options.Duration is { } d ? string.Create(CultureInfo.InvariantCulture, $"stopping after {d.TotalSeconds:0.#} s or on Ctrl-C") : "Ctrl-C stops";
        await Say(string.Create(CultureInfo.InvariantCulture,
            $"live data: transactions at {_options.Rate:0.##}/s ({_options.FraudRatio:0.##%} injected fraud), customer activity at {_options.ActivityRate:0.##}/s, loan applications at {_options.LoanRate:0.##}/s, {_options.EffectiveCustomers} customers; {until}")).ConfigureAwait(false);
        if (_options.CustomersTooFewForRate)
        {
            await Say(string.Create(CultureInfo.InvariantCulture,
                $"note: {_options.EffectiveCustomers} customers at {_options.Rate:0.##}/s pay every {_options.EffectiveCustomers / _options.Rate:0.#} s on average, so genuine payments also fire RAPID_FIRE and VELOCITY; --customers {DemoOptions.DefaultCustomers(_options.Rate)} keeps alerts to the injected fraud")).ConfigureAwait(false);
        }

        if (cluster.DashboardUrl is { } dashboard)
        {
            await Say($"dashboard: {dashboard} (live in a browser; every node serves one)").ConfigureAwait(false);
        }

        if (_lakeUri is { } lake)
        {
            await Say($"lake: {lake} (Parquet, docs/lake.md; load it with ./actorstreams warehouse load --lake {lake})").ConfigureAwait(false);
        }

        var faults = Task.WhenAny(cluster.Faulted, generators.Faulted).Unwrap();
        if (_ui)
        {
            await ShowViewAsync(sampler, logFile, faults, stop.Token).ConfigureAwait(false);
        }
        else
        {
            await ShowLinesAsync(sampler, faults, stop.Token).ConfigureAwait(false);
        }

        var liveFor = _time.GetElapsedTime(live);
        var outcome = faults.IsFaulted ? "stopped after a fault"
            : signal.IsCancellationRequested ? "stopped by a signal"
            : "duration reached";
        var stopping = _time.GetTimestamp();
        await Say("stopping: generators stop, the nodes drain what was produced, then leave the cluster (handoff, final checkpoints)").ConfigureAwait(false);
        await generators.StopAsync().ConfigureAwait(false);
        if (!faults.IsCompleted)
        {
            await DrainAsync(sampler, faults).ConfigureAwait(false);
        }

        sampler.Take(running: true);
        await cluster.StopAsync().ConfigureAwait(false);
        var final = sampler.Take(running: false);
        await outputs.DisposeAsync().ConfigureAwait(false);
        await _context.Output.WriteAsync(DemoReport.Summary(final, cluster.LastRunning(), outcome, liveFor, _time.GetElapsedTime(stopping), logFile)).ConfigureAwait(false);
        await _context.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        if (faults.IsFaulted)
        {
            var reason = faults.Exception!.InnerException ?? faults.Exception;
            var who = cluster.FaultedNodeId is { } node ? $"node {node} faulted" : "the demo failed";
            await _context.Error.WriteLineAsync($"error: {who}: {reason.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private async Task ShowViewAsync(DemoSampler sampler, string? logFile, Task faults, CancellationToken stop)
    {
        var header = new DemoHeader(_options.Duration is { } d ? $"stops after {d.TotalSeconds:0.#} s · Ctrl-C stops" : "Ctrl-C stops", logFile);
        await _console.Live(DemoView.Render(sampler.Take(), header, _console.Profile.Width))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async live =>
            {
                while (await TickAsync(ViewInterval, faults, stop).ConfigureAwait(false))
                {
                    live.UpdateTarget(DemoView.Render(sampler.Take(), header, _console.Profile.Width));
                }

                live.UpdateTarget(DemoView.Render(sampler.Take(), header, _console.Profile.Width));
            }).ConfigureAwait(false);
    }

    private async Task ShowLinesAsync(DemoSampler sampler, Task faults, CancellationToken stop)
    {
        sampler.Take();
        while (await TickAsync(LineInterval, faults, stop).ConfigureAwait(false))
        {
            await _context.Output.WriteLineAsync(DemoReport.ProgressLine(sampler.Take())).ConfigureAwait(false);
            await _context.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits one interval; false when the demo should stop (stop requested or a fault).</summary>
    private static async Task<bool> TickAsync(TimeSpan interval, Task faults, CancellationToken stop)
    {
        if (stop.IsCancellationRequested || faults.IsCompleted)
        {
            return false;
        }

        var delay = Task.Delay(interval, stop);
        await Task.WhenAny(delay, faults).ConfigureAwait(false);
        return !stop.IsCancellationRequested && !faults.IsCompleted;
    }

    /// <summary>Lets the nodes consume what the generators produced, so the summary's totals add up (bounded: a node may be stuck).</summary>
    private async Task DrainAsync(DemoSampler sampler, Task faults)
    {
        var started = _time.GetTimestamp();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100), _time);
        while (sampler.Take(running: true).Lag > 0 && !faults.IsCompleted)
        {
            if (_time.GetElapsedTime(started) >= DrainTimeout)
            {
                await Say($"warning: {sampler.Take().Lag} records still unprocessed after {DrainTimeout.TotalSeconds:0} s; stopping anyway").ConfigureAwait(false);
                return;
            }

            await tick.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>What differs between the demo's nodes: the broker found at run time, the node id and, unless 0 (any free port), the admin port.</summary>
    private static IEnumerable<KeyValuePair<string, string>> NodeOverrides(string bootstrap, string nodeId, int httpPort) =>
    [
        new("actorstreams.kafka.bootstrap", bootstrap),
        new("actorstreams.cluster.node-id", nodeId),
        new("actorstreams.http.port", httpPort.ToString(CultureInfo.InvariantCulture)),
    ];

    private async Task Say(string line)
    {
        await _context.Output.WriteLineAsync(line).ConfigureAwait(false);
        await _context.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
