using System.Diagnostics;
using System.Globalization;
using ActorStreams.Actors;

namespace ActorStreams.Benchmarks;

/// <summary>
/// The actor-runtime suite: ping-pong, one-way tell, keyed routing and idle-actor memory, each run on a fresh
/// <see cref="ActorSystem"/> with default settings, warm-up runs first, the median of the measured runs reported.
/// </summary>
public static class ActorBenchmarks
{
    private const string Counting =
        "counting: every message delivered to an actor counts once; in ping-pong a ping and its pong are 2 messages";

    private static readonly CaseDefinition[] Cases =
    [
        new("ping-pong-1x1", "ping-pong, 1 pair, 1 message in flight", 10_000_000, 9e6, 9e6,
            (n, ct) => PingPongAsync(1, 1, n, ct)),
        new("ping-pong-4x1", "ping-pong, 4 pairs, 1 message in flight each", 20_000_000, 18e6, 18e6,
            (n, ct) => PingPongAsync(4, 1, n, ct)),
        new("ping-pong-1x1000", "ping-pong, 1 pair, 1,000 messages in flight", 20_000_000, 15e6, 15e6,
            (n, ct) => PingPongAsync(1, 1000, n, ct)),
        new("ping-pong-4x1000", "ping-pong, 4 pairs, 1,000 messages in flight each", 40_000_000, 53e6, 53e6,
            (n, ct) => PingPongAsync(4, 1000, n, ct)),
        new("tell-one-way", "one-way tell to one counter actor", 40_000_000, 20e6, 20e6,
            OneWayAsync),
        new("routing-precreated", "10,000 entities x 100 messages routed by key through a parent, entities pre-created", 1_000_000, 4.2e6, 6.3e6,
            (n, ct) => RoutingAsync(precreate: true, n, ct)),
        new("routing-create", "10,000 entities x 100 messages routed by key through a parent, creation on first message timed", 1_000_000, 3e6, 4.5e6,
            (n, ct) => RoutingAsync(precreate: false, n, ct)),
        new("memory-idle-actor", "memory per idle actor: 100,000 children of one parent, GC heap delta", 100_000, 1735, 800,
            IdleActorMemoryAsync, IsMemory: true),
    ];

    /// <summary>The case names, in run order.</summary>
    public static IReadOnlyList<string> CaseNames { get; } = [.. Cases.Select(c => c.Name)];

    /// <summary>Runs the selected cases, printing progress and a result table to <paramref name="output"/>.</summary>
    public static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(ActorBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.WarmupRuns);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Scale, 0);

        var filters = (options.Filter ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = Cases.Where(c => filters.Length == 0 || filters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException($"no benchmark case matches \"{options.Filter}\"; cases: {string.Join(", ", CaseNames)}", nameof(options));
        }

        await output.WriteLineAsync($"actor benchmarks: .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, " +
            $"{options.WarmupRuns} warm-up + {options.Runs} measured runs (median), scale {options.Scale.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false);
        await output.WriteLineAsync(Counting).ConfigureAwait(false);

        var results = new List<BenchmarkResult>();
        foreach (var definition in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = definition.IsMemory
                ? Math.Max(10_000, (long)(definition.Messages * options.Scale))
                : Math.Max(10_000, (long)(definition.Messages * options.Scale));
            var rates = new List<double>();
            var bytes = new List<double>();
            for (var run = 0; run < options.WarmupRuns + options.Runs; run++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var measurement = await definition.Run(count, cancellationToken).ConfigureAwait(false);
                var measured = run >= options.WarmupRuns;
                var label = measured ? "run " + (run - options.WarmupRuns + 1).ToString(CultureInfo.InvariantCulture) : "warm-up";
                var memory = measurement.BytesPerActor is { } b ? string.Create(CultureInfo.InvariantCulture, $", {b:N0} bytes/actor") : string.Empty;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {definition.Name} {label}: {measurement.Messages:N0} in {measurement.Elapsed.TotalMilliseconds:N0} ms = {Rate(measurement)} msg/s{memory}")).ConfigureAwait(false);
                if (measured)
                {
                    rates.Add(measurement.Messages / measurement.Elapsed.TotalSeconds);
                    if (measurement.BytesPerActor is { } perActor)
                    {
                        bytes.Add(perActor);
                    }
                }
            }

            var median = Median(rates);
            double? medianBytes = bytes.Count > 0 ? Median(bytes) : null;
            var meets = definition.IsMemory ? medianBytes <= definition.Target : median >= definition.Target;
            results.Add(new BenchmarkResult(definition.Name, definition.Description, count, median, rates, medianBytes, definition.Akka, definition.Target, meets));
        }

        await WriteTableAsync(results, output).ConfigureAwait(false);
        return results;
    }

    private static string Rate(Measurement m) => (m.Messages / m.Elapsed.TotalSeconds / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M";

    private static async Task WriteTableAsync(IReadOnlyList<BenchmarkResult> results, TextWriter output)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{"case",-20} {"messages",12} {"median",14} {"runs",-26} {"akka.net",12} {"target",14} result").ConfigureAwait(false);
        foreach (var r in results)
        {
            string median, akka, target;
            if (r.BytesPerActor is { } b)
            {
                median = string.Create(CultureInfo.InvariantCulture, $"{b:N0} B/actor");
                akka = string.Create(CultureInfo.InvariantCulture, $"{r.AkkaBaseline:N0} B");
                target = string.Create(CultureInfo.InvariantCulture, $"<= {r.Target:N0} B");
            }
            else
            {
                median = string.Create(CultureInfo.InvariantCulture, $"{r.MedianMessagesPerSecond / 1e6:0.00} M msg/s");
                akka = string.Create(CultureInfo.InvariantCulture, $"{r.AkkaBaseline / 1e6:0.0} M");
                target = string.Create(CultureInfo.InvariantCulture, $">= {r.Target / 1e6:0.0} M");
            }

            var runs = string.Join(" ", r.RunsMessagesPerSecond.Select(x => (x / 1e6).ToString("0.00", CultureInfo.InvariantCulture)));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Case,-20} {r.Messages,12:N0} {median,14} {runs,-26} {akka,12} {target,14} {(r.MeetsTarget ? "PASS" : "FAIL")}")).ConfigureAwait(false);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static ActorSystem NewSystem() => ActorSystem.Create("bench");

    private static async Task<Measurement> PingPongAsync(int pairs, int inFlight, long totalMessages, CancellationToken cancellationToken)
    {
        var system = NewSystem();
        try
        {
            var perPair = totalMessages / pairs;
            var done = new List<Task>();
            var starts = new List<(IActorRef Ping, IActorRef Pong)>();
            for (var p = 0; p < pairs; p++)
            {
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                // Pong receives the initial balls plus ping's replies; ping absorbs the last inFlight balls.
                var pong = system.ActorOf(Props.Create(() => new PingPongActor(perPair / 2, perPair / 2, null)));
                var ping = system.ActorOf(Props.Create(() => new PingPongActor((perPair / 2) - inFlight, perPair / 2, completion)));
                done.Add(completion.Task);
                starts.Add((ping, pong));
            }

            await WarmUpActorsAsync(starts.SelectMany(s => new[] { s.Ping, s.Pong }), cancellationToken).ConfigureAwait(false);
            var stopwatch = Stopwatch.StartNew();
            foreach (var (ping, pong) in starts)
            {
                for (var i = 0; i < inFlight; i++)
                {
                    pong.Tell(Ball.Instance, ping);
                }
            }

            await Task.WhenAll(done).WaitAsync(cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            return new Measurement(perPair * pairs, stopwatch.Elapsed, null);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    private static async Task<Measurement> OneWayAsync(long messages, CancellationToken cancellationToken)
    {
        var system = NewSystem();
        try
        {
            var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var counter = system.ActorOf(Props.Create(() => new CounterActor(completion)));
            await WarmUpActorsAsync([counter], cancellationToken).ConfigureAwait(false);
            var stopwatch = Stopwatch.StartNew();
            // A dedicated producer thread, like an input source outside the actor system.
            var producer = new Thread(() =>
            {
                var message = Ball.Instance;
                for (var i = 0L; i < messages; i++)
                {
                    counter.Tell(message);
                }

                counter.Tell(CounterActor.Done.Instance);
            })
            { IsBackground = true, Name = "bench-producer" };
            producer.Start();
            var counted = await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            producer.Join();
            if (counted != messages)
            {
                throw new InvalidOperationException($"counter saw {counted} messages, expected {messages}");
            }

            return new Measurement(messages, stopwatch.Elapsed, null);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    private static async Task<Measurement> RoutingAsync(bool precreate, long totalMessages, CancellationToken cancellationToken)
    {
        const int entities = 10_000;
        var perEntity = (int)Math.Max(1, totalMessages / entities);
        var system = NewSystem();
        try
        {
            var shared = new RoutingShared(entities, perEntity);
            var parent = system.ActorOf(Props.Create(() => new RouterParent(shared)), "router");
            var messages = new EntityMessage[entities];
            for (var key = 0; key < entities; key++)
            {
                messages[key] = new EntityMessage(key);
            }

            if (precreate)
            {
                parent.Tell(new RouterParent.CreateAll(entities));
                await shared.AllStarted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WarmUpActorsAsync([parent], cancellationToken).ConfigureAwait(false);
            }

            var stopwatch = Stopwatch.StartNew();
            var producer = new Thread(() =>
            {
                for (var round = 0; round < perEntity; round++)
                {
                    foreach (var message in messages)
                    {
                        parent.Tell(message);
                    }
                }
            })
            { IsBackground = true, Name = "bench-producer" };
            producer.Start();
            await shared.AllDone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            producer.Join();
            return new Measurement((long)entities * perEntity, stopwatch.Elapsed, null);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    private static async Task<Measurement> IdleActorMemoryAsync(long actors, CancellationToken cancellationToken)
    {
        var system = NewSystem();
        try
        {
            var started = new StartedCounter((int)actors);
            var parent = system.ActorOf(Props.Create(() => new SpawningParent(started)), "parent");
            await WarmUpActorsAsync([parent], cancellationToken).ConfigureAwait(false);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var stopwatch = Stopwatch.StartNew();
            parent.Tell(new SpawningParent.Spawn((int)actors));
            await started.AllStarted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            // One more round trip through the parent so its turn (and the children's) is over before measuring.
            await parent.Ask<SpawningParent.Pong>(SpawningParent.Ping.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(parent);
            return new Measurement(actors, stopwatch.Elapsed, (after - before) / (double)actors);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Makes sure the actors are created and idle before the clock starts.</summary>
    private static async Task WarmUpActorsAsync(IEnumerable<IActorRef> actors, CancellationToken cancellationToken)
    {
        foreach (var actor in actors)
        {
            await actor.Ask<Warmed>(Warm.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record CaseDefinition(
        string Name,
        string Description,
        long Messages,
        double Akka,
        double Target,
        Func<long, CancellationToken, Task<Measurement>> Run,
        bool IsMemory = false);

    private sealed record Measurement(long Messages, TimeSpan Elapsed, double? BytesPerActor);
}
