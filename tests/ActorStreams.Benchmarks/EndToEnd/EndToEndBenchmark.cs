using System.Diagnostics;
using System.Globalization;
using ActorStreams.Generator;
using ActorStreams.Kafka.Internal;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Benchmarks.EndToEnd;

/// <summary>
/// <c>actorstreams bench e2e</c>: preloads generated transactions into an in-process dev broker (not timed), starts
/// one node, and measures from its first consumed record until every transaction has been consumed, scored by its
/// customer entity, forwarded through the repartition topic, added to its merchant window, and every output
/// delivered; the first tenth of the records is a warm-up (group join, JIT tiering) and is not timed. Also
/// reports the managed memory per entity in memory at the end.
/// </summary>
public static class EndToEndBenchmark
{
    private const int RecordsPerPartition = 25_000;

    /// <summary>Runs the benchmark, printing progress and the result to <paramref name="output"/>.</summary>
    public static async Task<EndToEndResult> RunAsync(EndToEndBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var partitions = options.Partitions > 0 ? options.Partitions : (int)Math.Clamp((options.Events + RecordsPerPartition - 1) / RecordsPerPartition, 12, 256);
        using var setup = SingleNodeSetup.Start("e2e", partitions, options.Store, options.Home, options.Overrides);
        var kafka = setup.Kafka;
        var broker = setup.Broker;
        await output.WriteLineAsync(setup.Describe()).ConfigureAwait(false);
        var preload = Stopwatch.StartNew();
        var generator = GeneratorSettings.Default with
        {
            Seed = options.Seed,
            Customers = options.Customers,
            Start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
            MeanCustomerInterval = TimeSpan.FromSeconds(Math.Max(1, options.Customers / 2000.0)),
        };
        var bulk = kafka with
        {
            Producer = kafka.Producer with
            {
                Linger = TimeSpan.FromMilliseconds(50),
                MaxBufferedMessages = 500_000,
                Properties = new Dictionary<string, string> { ["batch.num.messages"] = "10000", ["batch.size"] = "1000000" },
            },
        };
        await using (var sink = new KafkaSink(bulk, clientIdSuffix: "preload"))
        {
            var records = DataGenerator.Open(GeneratorDatasets.Transactions, generator, TimeProvider.System, options.Events);
            await GeneratorOutput.ProduceAsync(records, sink, kafka.Topics, TimeProvider.System, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var (readable, dropped) = RawConsumer.Watermarks(broker.BootstrapServers, kafka.Topics.Transactions, partitions);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"preloaded {options.Events:N0} transactions of {options.Customers:N0} customers in {preload.Elapsed.TotalSeconds:N1} s (not timed); " +
            $"{readable:N0} readable, {dropped:N0} dropped by the dev broker's 5 MiB/partition retention")).ConfigureAwait(false);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var node = await setup.StartNodeAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The first tenth warms up (group join, JIT tiering) and is not timed.
            var transactions = kafka.Topics.Transactions;
            var warmup = readable / 10;
            while (node.KafkaMetrics.EventsIn(transactions) < warmup)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                SingleNodeSetup.ThrowIfFaulted(node);
            }

            var timedFrom = node.KafkaMetrics.EventsIn(transactions);
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            var (gen0, gen1, gen2, pause, allocated) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            while (true)
            {
                SingleNodeSetup.ThrowIfFaulted(node);
                var consumed = node.KafkaMetrics.EventsIn(transactions);
                var merchant = node.EntityMetrics.MerchantTransactions + node.EntityMetrics.MerchantLateEvents + node.EntityMetrics.MerchantDuplicates;
                if (consumed >= readable && merchant >= readable - node.ShardMetrics.DeadLettered && node.KafkaMetrics.InFlight == 0)
                {
                    break;
                }

                if (node.KafkaMetrics.RecordsLostToRetention is > 0 and var lost)
                {
                    // The run could never complete: the merchant side will not see those records.
                    throw new ActorStreamsException(string.Create(CultureInfo.InvariantCulture,
                        $"the dev broker dropped {lost:N0} records (5 MiB per partition) before the node read them, most likely on the repartition topic " +
                        $"while the merchant side was {consumed - merchant:N0} records behind; run with more --partitions or fewer --events"));
                }

                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(2))
                {
                    lastReport = clock.Elapsed;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {clock.Elapsed.TotalSeconds,5:N0} s: consumed {consumed:N0}, merchant side {merchant:N0}, in flight {node.KafkaMetrics.InFlight:N0}")).ConfigureAwait(false);
                }

                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }

            var elapsed = clock.Elapsed;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"GC during the run: {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} gen2, " +
                $"{(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:N0} ms paused, {(GC.GetTotalAllocatedBytes() - allocated) / (double)(readable - timedFrom):N0} bytes allocated per event; " +
                $"CPU {cpuUsed.TotalSeconds:N1} s ({cpuUsed.TotalMicroseconds / (readable - timedFrom):N1} us per event, {cpuUsed / elapsed:N2} cores busy)")).ConfigureAwait(false);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var entities = node.ShardMetrics.ActiveEntities;
            var timed = readable - timedFrom;
            var result = new EndToEndResult(
                timed,
                elapsed,
                timed / elapsed.TotalSeconds,
                entities,
                entities > 0 ? (heapAfter - heapBefore) / (double)entities : 0,
                node.ShardMetrics.Checkpoints,
                node.EntityMetrics.FraudAlerts);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"e2e: {result.Events:N0} events (after {timedFrom:N0} of warm-up) in {elapsed.TotalSeconds:N2} s = {result.EventsPerSecond:N0} events/s end to end; " +
                $"{entities:N0} entities in memory, {result.BytesPerEntity:N0} bytes each (managed heap growth / entities); " +
                $"{result.Checkpoints:N0} checkpoints, {result.FraudAlerts:N0} fraud alerts")).ConfigureAwait(false);
            return result;
        }
        finally
        {
            await node.StopAsync().ConfigureAwait(false);
        }
    }
}
