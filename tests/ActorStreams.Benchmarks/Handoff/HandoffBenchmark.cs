using System.Diagnostics;
using System.Globalization;
using ActorStreams.Cluster.Membership;
using ActorStreams.Generator;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Producer;
using ActorStreams.Node;

namespace ActorStreams.Benchmarks.Handoff;

/// <summary>
/// <c>actorstreams bench handoff</c>: a node owning every partition, each with ~N active customer entities, is joined by a
/// second node sharing its SQLite store while a new round of transactions touching every customer is being processed;
/// half the partitions move. Reports how long the old owner took to hand them off
/// (drain in-flight work, final checkpoints with every changed entity) and the new owner to take them (read checkpoints,
/// start shards), and the time until the new owner processed a record for a moved customer.
/// </summary>
public static class HandoffBenchmark
{
    /// <summary>Runs the benchmark, printing progress and results to <paramref name="output"/>.</summary>
    public static async Task<HandoffResult> RunAsync(HandoffBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var directory = Directory.CreateTempSubdirectory("actorstreams-handoff-");
        try
        {
            var store = $"sqlite:{Path.Combine(directory.FullName, "state.db")}";
            var overrides = new List<KeyValuePair<string, string>>
            {
                new("actorstreams.kafka.partitions", options.Partitions.ToString(CultureInfo.InvariantCulture)),
                new("actorstreams.store.uri", store),
                new("actorstreams.metrics.log-interval", "0s"),
                new("actorstreams.http.port", "0"),
                new("actorstreams.cluster.checkpoint-interval", "1s"),
            };
            var config = NodeConfiguration.Load(options.Home, null, overrides);
            using var broker = DevBroker.Start(KafkaSettings.Create(config));
            overrides.Add(new("actorstreams.kafka.bootstrap", broker.BootstrapServers));
            var kafka = KafkaSettings.Create(NodeConfiguration.Load(options.Home, null, overrides));
            var customers = options.EntitiesPerPartition * options.Partitions;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"handoff: {options.Partitions} partitions x ~{options.EntitiesPerPartition:N0} customers, store {store}")).ConfigureAwait(false);

            var generator = GeneratorSettings.Default with { Seed = 7, Customers = customers, Start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) };
            await using (var sink = new KafkaSink(kafka, clientIdSuffix: "preload"))
            {
                var records = DataGenerator.Open(GeneratorDatasets.Transactions, generator, TimeProvider.System, customers * 3L);
                await GeneratorOutput.ProduceAsync(records, sink, kafka.Topics, TimeProvider.System, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var first = await ActorStreamsNode.StartAsync(new NodeOptions { Config = NodeConfiguration.Load(options.Home, null, [.. overrides, new("actorstreams.cluster.node-id", "first")]) }, cancellationToken).ConfigureAwait(false);
            try
            {
                await WaitAsync(() => first.KafkaMetrics.EventsIn(kafka.Topics.Transactions) >= customers * 3L && first.KafkaMetrics.InFlight == 0, cancellationToken).ConfigureAwait(false);
                var active = first.ShardMetrics.ActiveEntities;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"first node processed {customers * 3L:N0} transactions; {active:N0} entities in memory")).ConfigureAwait(false);

                // Touch every customer again so that the handoff has to checkpoint all of them, then hand off right away.
                await using (var sink = new KafkaSink(kafka, clientIdSuffix: "touch"))
                {
                    var touch = DataGenerator.Open(GeneratorDatasets.Transactions, generator with { Seed = 9 }, TimeProvider.System, customers);
                    await GeneratorOutput.ProduceAsync(touch, sink, kafka.Topics, TimeProvider.System, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                using var firstEvents = first.Events.Subscribe(replay: false);
                var clock = Stopwatch.StartNew();
                var seed = new KeyValuePair<string, string>("akka.cluster.seed-nodes", $"[\"{first.AkkaAddress}\"]");
                var second = await ActorStreamsNode.StartAsync(new NodeOptions { Config = NodeConfiguration.Load(options.Home, null, [.. overrides, seed, new("actorstreams.cluster.node-id", "second")]) }, cancellationToken).ConfigureAwait(false);
                try
                {
                    using var secondEvents = second.Events.Subscribe(replay: true);
                    var revoked = await NextAsync<PartitionsRevoked>(firstEvents, "first", cancellationToken).ConfigureAwait(false);
                    var assigned = await NextAsync<PartitionsAssigned>(secondEvents, "second", cancellationToken).ConfigureAwait(false);
                    await WaitAsync(() => second.Partitions.Running.Count > 0 && first.Partitions.Running.Count + second.Partitions.Running.Count == 2 * options.Partitions, cancellationToken).ConfigureAwait(false);
                    var moved = second.Partitions.Running.Count(s => s.Kind == "customer");
                    var rebalance = clock.Elapsed;

                    var before = second.KafkaMetrics.EventsIn(kafka.Topics.Transactions);
                    await using (var sink = new KafkaSink(kafka, clientIdSuffix: "probe"))
                    {
                        var probe = DataGenerator.Open(GeneratorDatasets.Transactions, generator with { Seed = 8 }, TimeProvider.System, customers / 10);
                        await GeneratorOutput.ProduceAsync(probe, sink, kafka.Topics, TimeProvider.System, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }

                    await WaitAsync(() => second.KafkaMetrics.EventsIn(kafka.Topics.Transactions) > before && second.ShardMetrics.EntitiesRestored > 0, cancellationToken).ConfigureAwait(false);
                    var firstProcessed = clock.Elapsed;
                    var result = new HandoffResult(active / options.Partitions, revoked.Duration, assigned.Duration, rebalance, firstProcessed, moved);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"handoff of {moved} customer partitions (+ their merchant partitions), ~{result.EntitiesPerPartition:N0} active entities each: " +
                        $"old owner drained and checkpointed in {revoked.Duration.TotalMilliseconds:N0} ms, new owner started them in {assigned.Duration.TotalMilliseconds:N0} ms; " +
                        $"second node joined and owned them {rebalance.TotalSeconds:N2} s after it started (cluster join, then the coordinator's rebalance round); " +
                        $"first moved customer restored and processed at {firstProcessed.TotalSeconds:N2} s")).ConfigureAwait(false);
                    return result;
                }
                finally
                {
                    await second.StopAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                await first.StopAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<T> NextAsync<T>(ClusterEventSubscription events, string nodeId, CancellationToken cancellationToken)
        where T : ClusterEvent
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (var next in events.Reader.ReadAllAsync(timeout.Token).ConfigureAwait(false))
        {
            if (next is T match && match.NodeId == nodeId)
            {
                return match;
            }
        }

        throw new InvalidOperationException($"no {typeof(T).Name} event");
    }

    private static async Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("the handoff benchmark did not reach its next step within 2 minutes");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Options of <see cref="HandoffBenchmark"/>.</summary>
public sealed record HandoffBenchmarkOptions
{
    /// <summary>Partitions of every topic (half of them move).</summary>
    public int Partitions { get; init; } = 4;

    /// <summary>Customers per partition.</summary>
    public int EntitiesPerPartition { get; init; } = 10_000;

    /// <summary>The installation root.</summary>
    public string Home { get; init; } = Directory.GetCurrentDirectory();
}

/// <summary>What <see cref="HandoffBenchmark"/> measured.</summary>
/// <param name="EntitiesPerPartition">Active entities per partition before the handoff.</param>
/// <param name="Revoke">The old owner's revocation: drain and final checkpoints.</param>
/// <param name="Assign">The new owner's assignment: checkpoints read, shards started.</param>
/// <param name="Rebalance">From the second node's start until it owned the moved partitions.</param>
/// <param name="FirstProcessed">From the second node's start until it processed a record of a moved customer.</param>
/// <param name="MovedPartitions">Customer partitions that moved.</param>
public sealed record HandoffResult(long EntitiesPerPartition, TimeSpan Revoke, TimeSpan Assign, TimeSpan Rebalance, TimeSpan FirstProcessed, int MovedPartitions);
