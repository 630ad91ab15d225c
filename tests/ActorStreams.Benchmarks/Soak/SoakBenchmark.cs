using System.Diagnostics;
using System.Globalization;
using ActorStreams.Cli.Demo;
using ActorStreams.Cli.Inspection;
using ActorStreams.Generator;
using ActorStreams.Kafka;
using ActorStreams.Node;
using ActorStreams.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Benchmarks.Soak;

/// <summary>
/// <c>actorstreams bench soak</c>: one node in this process on the embedded dev broker (as <c>bench e2e</c>) fed by the
/// demo's live generators (transactions and customer activity) at a steady rate for a long time; samples memory, consumer
/// lag, throughput and active entities every interval, then judges the trends after the warm-up
/// (<see cref="SoakAnalysis"/>). Every customer is active from the start: their customer-details records are produced
/// before the node starts, so the entity population is saturated before the warm-up ends and a growing heap afterwards
/// is not a growing population. Each entity's own state may still grow (a customer's enrichment buffer keeps up to
/// <c>actorstreams.churn.enrichment-buffer</c> activities): that is the node's growth, and the verdict counts it.
/// </summary>
public static class SoakBenchmark
{
    /// <summary>Progress lines during the run, at most this often.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long the drained state must hold: the node refreshes the partitions' end offsets once a second.</summary>
    private static readonly TimeSpan DrainedFor = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(100);

    private const double MiB = 1024 * 1024;

    /// <summary>Why a soak on the memory store grows: Akka.Persistence's MemoryJournal (1.5.75) deletes events by a marker only.</summary>
    private const string MemoryStoreNote =
        "--store memory keeps every checkpoint in the heap (Akka's in-memory journal only marks deleted events), so the live heap grows with the " +
        "checkpoints written; --store sqlite:<path> leaves the journal out of the heap";

    /// <summary>Runs the soak, printing progress, the samples and the verdict to <paramref name="output"/>.</summary>
    /// <param name="options">The run.</param>
    /// <param name="output">Where the run reports.</param>
    /// <param name="cancellationToken">Stops the run early; the samples taken so far are still judged (and the run is not stable).</param>
    public static async Task<SoakResult> RunAsync(SoakBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var setup = SingleNodeSetup.Start("soak", options.Partitions, options.Store, options.Home, options.EffectiveOverrides);
        await Say(output, setup.Describe()).ConfigureAwait(false);
        await Say(output, options.BoundState
            ? "per-customer state bounded to fill within the warm-up (--product-state keeps the product's settings): " +
              string.Join(", ", SoakBenchmarkOptions.StateBoundSettings.Select(s => $"{s.Key}={s.Value}"))
            : "per-customer state with the product's settings: its bounded structures may still fill after the warm-up").ConfigureAwait(false);
        var settings = GeneratorSettings.Default with { Seed = options.Seed, Customers = options.Customers, Rate = options.Rate, Start = null };
        // No loan applications: each brings device entities that only passivation (2 minutes idle) bounds, so the
        // population would still grow after the warm-up.
        var generators = new DemoGenerators(setup.Kafka, settings, options.Rate / 4, loanRate: 0, TimeProvider.System, NullLoggerFactory.Instance);
        await using (generators.ConfigureAwait(false))
        {
            var preload = Stopwatch.StartNew();
            await generators.PreloadOffersAsync(cancellationToken).ConfigureAwait(false);
            await generators.PreloadCustomerDetailsAsync(cancellationToken).ConfigureAwait(false);
            await Say(output, string.Create(CultureInfo.InvariantCulture,
                $"preloaded the offers and {options.Customers:#,0} customer-details records in {preload.Elapsed.TotalSeconds:0.0} s: every customer becomes an active entity as the node starts")).ConfigureAwait(false);
            var node = await setup.StartNodeAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var probe = new Probe(node, setup.Kafka.Topics);
                generators.StartTransactions();
                generators.StartActivities();
                var clock = Stopwatch.StartNew();
                await Say(output, string.Create(CultureInfo.InvariantCulture,
                    $"live data for {Formats.Duration(options.Duration)}: transactions at {options.Rate:#,0.##}/s, customer activity at {options.Rate / 4:#,0.##}/s, {options.Customers:#,0} customers; " +
                    $"a sample every {Formats.Duration(options.SampleInterval)}{LiveHeapText(options)}, the first {Formats.Duration(options.Warmup)} are the warm-up")).ConfigureAwait(false);

                var faults = Task.WhenAny(node.Faulted, generators.Faulted).Unwrap();
                var samples = await SampleAsync(options, probe, clock, faults, output, cancellationToken).ConfigureAwait(false);
                var interrupted = cancellationToken.IsCancellationRequested;
                ThrowIfFaulted(faults);

                var stopping = Stopwatch.StartNew();
                await generators.StopAsync().ConfigureAwait(false);
                var drainedAfter = interrupted ? null : await DrainAsync(options.DrainTimeout, probe, generators, faults, stopping).ConfigureAwait(false);
                ThrowIfFaulted(faults);
                var ending = new SoakEnding(drainedAfter, node.KafkaMetrics.RecordsLostToRetention, interrupted);
                var verdict = SoakAnalysis.Judge(samples, options.Warmup, options.Rate, options.EffectiveThresholds, ending);
                if (setup.StoreKind == StoreKind.Memory)
                {
                    verdict = verdict with { Notes = [.. verdict.Notes, MemoryStoreNote] };
                }

                var result = new SoakResult(samples, verdict, probe.Take(samples.Count, clock.Elapsed, live: options.FullGcInterval is not null), probe.Inputs(generators.Produced));
                await output.WriteAsync(SoakReport.Format(options, result)).ConfigureAwait(false);
                return result;
            }
            finally
            {
                await generators.StopAsync().ConfigureAwait(false);
                await node.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Takes the samples due at <c>0, interval, 2 × interval, …</c> until the duration; a late one is taken late, none is skipped.</summary>
    private static async Task<List<SoakSample>> SampleAsync(
        SoakBenchmarkOptions options, Probe probe, Stopwatch clock, Task faults, TextWriter output, CancellationToken cancellationToken)
    {
        var samples = new List<SoakSample>(options.ExpectedSamples);
        TimeSpan? lastProgress = null;
        for (var index = 0; index < options.ExpectedSamples; index++)
        {
            var due = options.SampleInterval * index;
            if (!await WaitUntilAsync(clock, due, faults, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            var sample = probe.Take(index, clock.Elapsed, options.IsLiveHeapSample(index));
            samples.Add(sample);
            if (lastProgress is not { } last || due - last >= ProgressInterval || index == options.ExpectedSamples - 1)
            {
                lastProgress = due;
                await Say(output, string.Create(CultureInfo.InvariantCulture,
                    $"  {SoakReport.Time(sample.Elapsed),8}: heap {sample.HeapBytes / MiB:#,0} MiB ({sample.HeapAfterGcBytes / MiB:#,0} after the last GC), working set {sample.WorkingSetBytes / MiB:#,0} MiB, " +
                    $"{(sample.LiveHeapBytes is { } liveBytes ? $"live heap {liveBytes / MiB:#,0} MiB, " : "")}lag {sample.Lag:#,0}, {sample.EventsIn:#,0} records in, {sample.ActiveEntities:#,0} entities{(sample.Elapsed < options.Warmup ? " (warm-up)" : "")}")).ConfigureAwait(false);
            }
        }

        return samples;
    }

    /// <summary>Waits until <paramref name="clock"/> reaches <paramref name="due"/> (never earlier); false on a fault or cancellation.</summary>
    private static async Task<bool> WaitUntilAsync(Stopwatch clock, TimeSpan due, Task faults, CancellationToken cancellationToken)
    {
        // Task.Delay counts whole milliseconds of the timer's own clock, and may return a little early: wait again until due.
        while (clock.Elapsed < due && !faults.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling((due - clock.Elapsed).TotalMilliseconds));
            await Task.WhenAny(Task.Delay(wait, cancellationToken), faults).ConfigureAwait(false);
        }

        return !faults.IsCompleted && !cancellationToken.IsCancellationRequested;
    }

    /// <summary>
    /// Waits until the node has taken in every record the generators delivered, finished them, counted every transaction in
    /// its merchant window and reports no lag, for <see cref="DrainedFor"/> in a row; returns when that began (since
    /// <paramref name="stopping"/> started), or null after <paramref name="timeout"/>.
    /// </summary>
    private static async Task<TimeSpan?> DrainAsync(TimeSpan timeout, Probe probe, DemoGenerators generators, Task faults, Stopwatch stopping)
    {
        var produced = generators.Produced;
        TimeSpan? since = null;
        using var tick = new PeriodicTimer(DrainPoll);
        while (stopping.Elapsed < timeout + DrainedFor && !faults.IsCompleted)
        {
            if (probe.CaughtUp(produced))
            {
                since ??= stopping.Elapsed;
                if (stopping.Elapsed - since >= DrainedFor)
                {
                    return since;
                }
            }
            else
            {
                since = null;
                if (stopping.Elapsed >= timeout)
                {
                    return null;
                }
            }

            await tick.WaitForNextTickAsync().ConfigureAwait(false);
        }

        return null;
    }

    private static string LiveHeapText(SoakBenchmarkOptions options) =>
        options.FullGcInterval is { } every ? $" (and a full collection for the live heap every {Formats.Duration(every)})" : " (no forced collection)";

    private static void ThrowIfFaulted(Task faults)
    {
        if (faults.IsFaulted)
        {
            var reason = faults.Exception!.InnerException ?? faults.Exception;
            throw new ActorStreamsException($"the soak failed: {reason.Message}", reason);
        }
    }

    private static async Task Say(TextWriter output, string line)
    {
        await output.WriteLineAsync(line).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Reads the node and the process without forcing a collection.</summary>
    private sealed class Probe(ActorStreamsNode node, KafkaTopics topics)
    {
        private readonly (string Dataset, string Topic)[] _inputs =
        [
            .. new[] { GeneratorDatasets.Transactions, GeneratorDatasets.CustomerActivity, GeneratorDatasets.CustomerDetails, GeneratorDatasets.LoanApplications }
                .Select(dataset => (dataset, topics.Resolve(dataset))),
        ];

        /// <summary>Reads without collecting; then, when <paramref name="live"/>, forces a full compacting collection and reads the live heap.</summary>
        public SoakSample Take(int index, TimeSpan elapsed, bool live = false)
        {
            var sample = new SoakSample(
                index,
                elapsed,
                GC.GetTotalMemory(forceFullCollection: false),
                GC.GetGCMemoryInfo().HeapSizeBytes,
                Environment.WorkingSet,
                node.Lag().Sum(p => p.Lag),
                _inputs.Sum(i => node.KafkaMetrics.EventsIn(i.Topic)),
                node.KafkaMetrics.EventsIn(topics.Transactions),
                node.ShardMetrics.ActiveEntities);
            if (!live)
            {
                return sample;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return sample with { LiveHeapBytes = GC.GetTotalMemory(forceFullCollection: false) };
        }

        /// <summary>Records delivered to the input topics, of <paramref name="produced"/> (per dataset).</summary>
        public long Inputs(IReadOnlyDictionary<string, long> produced) => _inputs.Sum(i => produced.GetValueOrDefault(i.Dataset));

        /// <summary>Every delivered record taken in and finished, every transaction in its merchant window, no lag.</summary>
        public bool CaughtUp(IReadOnlyDictionary<string, long> produced)
        {
            var metrics = node.EntityMetrics;
            var transactions = node.KafkaMetrics.EventsIn(topics.Transactions);
            return _inputs.All(i => node.KafkaMetrics.EventsIn(i.Topic) >= produced.GetValueOrDefault(i.Dataset))
                && node.KafkaMetrics.InFlight == 0
                && metrics.MerchantTransactions + metrics.MerchantLateEvents + metrics.MerchantDuplicates >= transactions - node.ShardMetrics.DeadLettered
                && node.Lag().Sum(p => p.Lag) == 0;
        }
    }
}
