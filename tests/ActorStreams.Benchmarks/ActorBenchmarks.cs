using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ActorStreams.Kafka;
using Akka.Actor;

namespace ActorStreams.Benchmarks;

/// <summary>
/// <c>bench actors</c>: the product's entity path against plain Akka.NET, all measured in the same run. Plain actors on
/// a local actor system with Akka's defaults (ping-pong, one-way tell, keyed routing through a parent, and the product's
/// request/reply driving over plain actors); the same keyed routing through a shard region of a one-node cluster; the
/// product's entities (a counter entity and the customer entity) driven as a partition's router drives them; and the
/// managed memory per idle plain actor and per idle customer entity. Each run starts a fresh actor system; warm-up runs
/// come first, and the median of the measured runs is reported.
/// </summary>
public static class ActorBenchmarks
{
    /// <summary>Partitions of the product cases (shards of the sharding cases), each with its own driver.</summary>
    private const int Partitions = 4;

    /// <summary>Entities of the keyed cases.</summary>
    private const int Entities = 10_000;

    private const string Counting =
        "counting: ping-pong counts every delivered message (a ping and its pong are 2); the keyed cases count messages handled by entities " +
        "(the hop through a parent, region or shard, and an entity's reply, are not counted again); memory cases count actors created";

    // In run order. A description may name {count}, {entities} and {each} (messages per entity), filled in for the run's scale.
    private static readonly CaseDefinition[] Cases =
    [
        new("ping-pong-1x1", "akka", "ping-pong, 1 pair, 1 message in flight", 2_000_000,
            Simple((n, ct) => PlainCases.PingPongAsync(1, n, ct))),
        new("ping-pong-4x1", "akka", "ping-pong, 4 pairs, 1 message in flight each", 4_000_000,
            Simple((n, ct) => PlainCases.PingPongAsync(4, n, ct))),
        new("tell-one-way", "akka", "one-way tell from a producer thread to one counting actor", 10_000_000,
            Simple(PlainCases.OneWayAsync)),
        new("routing-parent", "akka", "{entities} entities x {each} one-way messages from a producer thread, routed by key through a parent to its children (created by their first message)", 1_000_000,
            Simple((n, ct) => PlainCases.RoutingParentAsync(EntitiesFor(n), PerEntity(n), ct))),
        new("routing-region", "sharding", $"the same through the shard region of a one-node cluster (HashCodeMessageExtractor, {Partitions} shards started beforehand)", 1_000_000,
            Simple((n, ct) => ShardingCases.RoutingRegionAsync(EntitiesFor(n), PerEntity(n), Partitions, ct))),
        new("reply-parent", "akka", $"{{entities}} plain actors x {{each}} EntityCommands answered with EntityReply, driven like the product's entities ({Partitions} drivers, {Window:N0} commands in flight each; first contact through a parent, then direct)", 1_000_000,
            n => ct => PlainCases.ReplyParentAsync(KeyedWorkload.RoundRobin(EntitiesFor(n), PerEntity(n), Partitions), Window, ct)),
        new("entity-counter", "product", $"{{entities}} counter PartitionEntities x {{each}} EntityCommands over {Partitions} partitions of a one-node cluster, driven like EntityRouter (first contact Fresh through the region, then direct)", 1_000_000,
            n => ct => ProductCases.CounterAsync(KeyedWorkload.RoundRobin(EntitiesFor(n), PerEntity(n), Partitions), Window, ct)),
        new("entity-customer", "product", $"{{count}} generated transactions of up to {{entities}} customers scored by CustomerEntities (ScoreTransaction), driven the same way over {Partitions} partitions", 1_000_000,
            PrepareCustomers),
        new("memory-akka-actor", "akka", "{count} idle plain actors, children of one parent: managed-heap growth per actor after a full GC", 100_000,
            Simple(PlainCases.IdleActorMemoryAsync), IsMemory: true),
        new("memory-customer-entity", "product", $"{{count}} idle CustomerEntities over {Partitions} partitions, each created through the region by one Fresh command: managed-heap growth per entity after a full GC", 100_000,
            Simple((n, ct) => ProductCases.IdleCustomerMemoryAsync(n, Partitions, Window, ct)), IsMemory: true),
    ];

    private delegate Task<Measurement> RunCase(CancellationToken cancellationToken);

    /// <summary>The case names, in run order.</summary>
    public static IReadOnlyList<string> CaseNames { get; } = [.. Cases.Select(c => c.Name)];

    /// <summary>Commands in flight per driver: the product's <c>max-in-flight-per-partition</c> default.</summary>
    private static int Window => KafkaConsumerSettings.Default.MaxInFlightPerPartition;

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

        var akka = typeof(ActorSystem).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"actor benchmarks: Akka.NET {akka}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, " +
            $"{options.WarmupRuns} warm-up + {options.Runs} measured runs (median), scale {options.Scale}")).ConfigureAwait(false);
        await output.WriteLineAsync(Counting).ConfigureAwait(false);

        var results = new List<BenchmarkResult>();
        foreach (var definition in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Max(1_000, (long)(definition.Count * options.Scale));
            var description = Describe(definition.Description, count);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{definition.Name} ({definition.Group}): {description}")).ConfigureAwait(false);
            var preparing = Stopwatch.StartNew();
            var run = definition.Prepare(count);
            if (preparing.Elapsed >= TimeSpan.FromSeconds(0.1))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  prepared in {preparing.Elapsed.TotalSeconds:N1} s (not timed)")).ConfigureAwait(false);
            }

            var measured = new List<Measurement>();
            for (var i = 0; i < options.WarmupRuns + options.Runs; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var measurement = await run(cancellationToken).ConfigureAwait(false);
                var label = i >= options.WarmupRuns ? "run " + (i - options.WarmupRuns + 1).ToString(CultureInfo.InvariantCulture) : "warm-up";
                var memory = measurement.BytesPerActor is { } b ? string.Create(CultureInfo.InvariantCulture, $", {b:N0} B/actor") : string.Empty;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {label}: {measurement.Messages:N0} in {measurement.Elapsed.TotalMilliseconds:N0} ms = {PerSecond(Rate(measurement))}/s, " +
                    $"{measurement.AllocatedBytes / (double)measurement.Messages:N0} B allocated each{memory}")).ConfigureAwait(false);
                if (i >= options.WarmupRuns)
                {
                    measured.Add(measurement);
                }
            }

            var rates = measured.Select(Rate).ToList();
            results.Add(new BenchmarkResult(
                definition.Name,
                definition.Group,
                description,
                measured[0].Messages,
                Median(rates),
                rates,
                Median([.. measured.Select(m => m.AllocatedBytes / (double)m.Messages)]),
                definition.IsMemory ? Median([.. measured.Select(m => m.BytesPerActor ?? double.NaN)]) : null));
        }

        await WriteTableAsync(results, output).ConfigureAwait(false);
        return results;
    }

    private static Func<long, RunCase> Simple(Func<long, CancellationToken, Task<Measurement>> run) =>
        count => ct => run(count, ct);

    /// <summary>Generates and decodes the transactions once for all runs of the case (not timed).</summary>
    private static RunCase PrepareCustomers(long count)
    {
        var work = CustomerWorkload.Generate(count, EntitiesFor(count), Partitions);
        return ct => ProductCases.CustomerAsync(work, Window, ct);
    }

    private static string Describe(string description, long count) => description
        .Replace("{count}", count.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{entities}", EntitiesFor(count).ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{each}", PerEntity(count).ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static int EntitiesFor(long messages) => (int)Math.Min(Entities, messages);

    private static int PerEntity(long messages) => (int)Math.Max(1, messages / EntitiesFor(messages));

    private static double Rate(Measurement m) => m.Messages / m.Elapsed.TotalSeconds;

    private static async Task WriteTableAsync(IReadOnlyList<BenchmarkResult> results, TextWriter output)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(
            $"{"case",-24} {"group",-9} {"count",11} {"median /s",12} {"us each",8} {"alloc B",8} {"heap B/actor",14}  runs (/s)").ConfigureAwait(false);
        foreach (var r in results)
        {
            var heap = r.BytesPerActor is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b:N0} B/actor") : string.Empty;
            var runs = string.Join(" ", r.RunsMessagesPerSecond.Select(PerSecond));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Case,-24} {r.Group,-9} {r.Messages,11:N0} {PerSecond(r.MedianMessagesPerSecond),12} {1e6 / r.MedianMessagesPerSecond,8:0.000} " +
                $"{r.AllocatedBytesPerMessage,8:N0} {heap,14}  {runs}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(
            "median /s: messages (actors, for memory cases) per second; us each: microseconds of wall time per message (actor); " +
            "alloc B: bytes the whole process allocated per message (actor) while timed; heap B/actor: managed-heap growth per idle actor after a full GC")
            .ConfigureAwait(false);
    }

    private static string PerSecond(double rate) => rate >= 1e5
        ? (rate / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M"
        : (rate / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record CaseDefinition(
        string Name,
        string Group,
        string Description,
        long Count,
        Func<long, RunCase> Prepare,
        bool IsMemory = false);
}
