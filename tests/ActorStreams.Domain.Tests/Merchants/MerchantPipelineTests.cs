using ActorStreams.Domain.Merchants;
using ActorStreams.Domain.Tests.Reference;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Merchants;

/// <summary>
/// Customer partitions → repartition topic → merchant partitions, simulated with the domain
/// types only: however the sources interleave (skew, one partition far behind, replays after a
/// failover, idle partitions, snapshots), the emitted metrics are the same and equal the naive
/// computation.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MerchantPipelineTests
{
    private const int MerchantPartitions = 3;
    private static readonly MerchantWindowSettings Settings = MerchantWindowSettings.Default;

    public enum Interleaving
    {
        Random,
        SourcesInOrder,
        SourcesReversed,
        RoundRobin,
    }

    [Theory]
    [InlineData(1, Interleaving.Random)]
    [InlineData(2, Interleaving.Random)]
    [InlineData(3, Interleaving.SourcesInOrder)]
    [InlineData(4, Interleaving.SourcesReversed)]
    [InlineData(5, Interleaving.RoundRobin)]
    public void Metrics_AnyInterleavingOfSources_EqualNaiveComputation(int seed, Interleaving interleaving)
    {
        var run = Produce(seed, sources: 4, perSource: 1500, idleSourceWithoutData: false);
        var expected = NaiveMerchantMetrics.Run(run.All, Settings.Grace, out var expectedLate);

        var result = Consume(run, interleaving, new Random(seed), snapshotRate: 0);

        Assert.Equal(expected, result.Metrics);
        Assert.Equal(expectedLate, result.LateEvents);
        Assert.True(expected.Count > 100, $"only {expected.Count} windows");
        Assert.True(expectedLate > 20, $"only {expectedLate} late events");
    }

    [Fact]
    public void Metrics_ShuffledInterleavings_AreIdentical()
    {
        var run = Produce(42, sources: 5, perSource: 800, idleSourceWithoutData: false);
        var baseline = Consume(run, Interleaving.SourcesInOrder, new Random(0), snapshotRate: 0);
        for (var shuffle = 1; shuffle <= 8; shuffle++)
        {
            var shuffled = Consume(run, Interleaving.Random, new Random(shuffle), snapshotRate: 0);
            Assert.Equal(baseline.Metrics, shuffled.Metrics);
            Assert.Equal(baseline.LateEvents, shuffled.LateEvents);
        }
    }

    [Fact]
    public void Metrics_WithReplayedSegments_AreUnchanged()
    {
        var run = Produce(7, sources: 4, perSource: 1000, idleSourceWithoutData: false);
        var baseline = Consume(run, Interleaving.Random, new Random(1), snapshotRate: 0);

        var random = new Random(7);
        var replayed = run with { Outboxes = run.Outboxes.Select(perPartition => perPartition.Select(messages => WithReplay(messages, random)).ToArray()).ToArray() };
        var result = Consume(replayed, Interleaving.Random, new Random(2), snapshotRate: 0);

        Assert.Equal(baseline.Metrics, result.Metrics);
        Assert.Equal(baseline.LateEvents, result.LateEvents);
        Assert.True(result.Duplicates > 0);
    }

    [Fact]
    public void Metrics_WithIdleSourceThatNeverSendsData_EqualRunWithoutIt()
    {
        var withIdle = Produce(9, sources: 3, perSource: 1000, idleSourceWithoutData: true);
        var expected = NaiveMerchantMetrics.Run(withIdle.All, Settings.Grace, out var expectedLate);

        var result = Consume(withIdle, Interleaving.Random, new Random(3), snapshotRate: 0);

        Assert.Equal(expected, result.Metrics);
        Assert.Equal(expectedLate, result.LateEvents);
    }

    [Fact]
    public void Metrics_WithSnapshotsAndRestoresMidStream_AreUnchanged()
    {
        var run = Produce(11, sources: 4, perSource: 1000, idleSourceWithoutData: false);
        var expected = NaiveMerchantMetrics.Run(run.All, Settings.Grace, out _);
        Assert.Equal(expected, Consume(run, Interleaving.Random, new Random(4), snapshotRate: 0.05).Metrics);
    }

    [Fact]
    public void Metrics_SourceThatNeverReports_HoldsEverythingBackUntilIdle()
    {
        var run = Produce(13, sources: 3, perSource: 300, idleSourceWithoutData: true);

        // Drop the silent source's idle declarations: nothing can be emitted.
        var silent = run.Sources - 1;
        var withoutIdle = run with
        {
            Outboxes = run.Outboxes.Select((perPartition, source) => source == silent
                ? perPartition.Select(_ => new List<Message>()).ToArray()
                : perPartition).ToArray(),
        };
        Assert.Empty(Consume(withoutIdle, Interleaving.Random, new Random(5), snapshotRate: 0).Metrics);
    }

    [Fact]
    public void IdleSource_ReturningWithDataForAnEmittedWindow_IsLate()
    {
        var watermarks = new MerchantPartitionWatermarks(2);
        var state = new MerchantWindowState(new MerchantId("m-1"), Settings);
        var output = new List<MerchantMetric>();

        state.Apply(MerchantWindowStateTests.Forwarded(At(5), source: 0, offset: 1, watermark: At(-5)));
        watermarks.OnData(0, At(-5));
        watermarks.OnIdle(1);
        Assert.Equal(PartitionWatermarkChange.Advanced, watermarks.OnWatermark(0, At(200)));
        state.Advance(watermarks.Current, output);
        Assert.Single(output);

        // Source 1 was idle while the window closed; its record for that window is late.
        Assert.Equal(MerchantApplyResult.Late, state.Apply(MerchantWindowStateTests.Forwarded(At(30), source: 1, offset: 1, watermark: At(20))));
        Assert.Equal(1, state.LateEvents);
    }

    private static List<Message> WithReplay(List<Message> messages, Random random)
    {
        if (messages.Count < 10)
        {
            return messages;
        }

        var result = new List<Message>(messages);
        for (var replay = 0; replay < 3; replay++)
        {
            var end = random.Next(5, result.Count);
            var start = Math.Max(0, end - random.Next(1, 40));
            result.InsertRange(end, result.GetRange(start, end - start));
        }

        return result;
    }

    private static int Route(string merchant) => merchant.Sum(c => c) % MerchantPartitions;

    private static Run Produce(int seed, int sources, int perSource, bool idleSourceWithoutData)
    {
        var random = new Random(seed);
        var totalSources = sources + (idleSourceWithoutData ? 1 : 0);
        var outboxes = new List<Message>[totalSources][];
        var all = new List<SourcedTransaction>();
        for (var source = 0; source < totalSources; source++)
        {
            outboxes[source] = Enumerable.Range(0, MerchantPartitions).Select(_ => new List<Message>()).ToArray();
        }

        for (var source = 0; source < sources; source++)
        {
            var tracker = new CustomerPartitionWatermark(source, Settings);
            var clock = At(source * 7.5);
            for (var offset = 0L; offset < perSource; offset++)
            {
                EventTime time;
                if (random.NextDouble() < 0.12)
                {
                    time = clock - TimeSpan.FromSeconds(random.Next(0, 130));
                }
                else
                {
                    clock += TimeSpan.FromMilliseconds(random.Next(0, 3000));
                    time = random.NextDouble() < 0.2 ? clock.Floor(TimeSpan.FromSeconds(10)) : clock;
                }

                var merchantNumber = random.Next(12);
                var merchant = $"m{merchantNumber}";
                var category = $"cat{merchantNumber % 4}";
                var amount = Math.Round((decimal)random.Next(1, 300_000) / 100m, 2);
                var alerted = random.NextDouble() < 0.1;
                var labeled = random.NextDouble() < 0.05;
                var carried = tracker.ObserveRecord(time);
                var tx = MerchantWindowStateTests.Forwarded(time, amount, source, offset, carried, alerted, labeled, category, merchant);
                outboxes[source][Route(merchant)].Add(new Message(source, tx, MessageKind.Data, default));
                all.Add(new SourcedTransaction(source, offset, merchant, category, amount, time, alerted, labeled));

                if (offset % 5 == 0)
                {
                    Broadcast(outboxes[source], source, tracker.Poll(TimeSpan.Zero));
                }
            }

            Broadcast(outboxes[source], source, tracker.Poll(TimeSpan.Zero));
            Broadcast(outboxes[source], source, tracker.Poll(Settings.IdleTimeout));
        }

        if (idleSourceWithoutData)
        {
            var silent = sources;
            var tracker = new CustomerPartitionWatermark(silent, Settings);
            Broadcast(outboxes[silent], silent, tracker.Poll(Settings.IdleTimeout));
        }

        return new Run(totalSources, outboxes, all);
    }

    private static void Broadcast(List<Message>[] outbox, int source, WatermarkSignal signal)
    {
        if (signal.Kind == WatermarkSignalKind.None)
        {
            return;
        }

        var kind = signal.Kind == WatermarkSignalKind.Idle ? MessageKind.Idle : MessageKind.Watermark;
        foreach (var partition in outbox)
        {
            partition.Add(new Message(source, null, kind, signal.Watermark));
        }
    }

    private static Result Consume(Run run, Interleaving interleaving, Random random, double snapshotRate)
    {
        var metrics = new List<MerchantMetric>();
        long late = 0;
        long duplicates = 0;
        for (var partition = 0; partition < MerchantPartitions; partition++)
        {
            var queues = Enumerable.Range(0, run.Sources).Select(s => new Queue<Message>(run.Outboxes[s][partition])).ToArray();
            var watermarks = new MerchantPartitionWatermarks(run.Sources);
            var states = new SortedDictionary<string, MerchantWindowState>(StringComparer.Ordinal);
            var next = 0;
            while (queues.Any(q => q.Count > 0))
            {
                var source = interleaving switch
                {
                    Interleaving.Random => PickRandom(queues, random, ref next),
                    Interleaving.SourcesInOrder => Array.FindIndex(queues, q => q.Count > 0),
                    Interleaving.SourcesReversed => Array.FindLastIndex(queues, q => q.Count > 0),
                    _ => NextRoundRobin(queues, ref next),
                };

                var message = queues[source].Dequeue();
                var change = PartitionWatermarkChange.None;
                switch (message.Kind)
                {
                    case MessageKind.Data:
                        var tx = message.Transaction!;
                        if (!states.TryGetValue(tx.MerchantId.Value, out var state))
                        {
                            states[tx.MerchantId.Value] = state = new MerchantWindowState(tx.MerchantId, Settings);
                        }

                        state.Apply(tx);
                        change = watermarks.OnData(source, tx.SourceWatermark);
                        break;
                    case MessageKind.Watermark:
                        change = watermarks.OnWatermark(source, message.Watermark);
                        break;
                    case MessageKind.Idle:
                        change = watermarks.OnIdle(source);
                        break;
                }

                foreach (var state in states.Values)
                {
                    if (change == PartitionWatermarkChange.Advanced)
                    {
                        state.Advance(watermarks.Current, metrics);
                    }
                    else if (change == PartitionWatermarkChange.AllIdle)
                    {
                        state.FlushAll(metrics);
                    }
                }

                if (random.NextDouble() < snapshotRate)
                {
                    watermarks = MerchantPartitionWatermarks.Read(Snapshot(watermarks.Write), run.Sources);
                    foreach (var key in states.Keys.ToList())
                    {
                        states[key] = MerchantWindowState.Read(Snapshot(states[key].Write), Settings);
                    }
                }
            }

            late += states.Values.Sum(s => s.LateEvents);
            duplicates += states.Values.Sum(s => s.DuplicateEvents);
        }

        Assert.Equal(metrics.Count, metrics.Select(m => m.MetricId).Distinct().Count());
        var comparable = metrics
            .Select(m => new NaiveMetric(m.MetricId, m.MerchantCategory, m.TxCount, m.TotalAmount, m.AvgAmount, m.MaxAmount, m.FraudAlertCount, m.FraudLabeledCount))
            .OrderBy(m => m.MetricId, StringComparer.Ordinal)
            .ToList();
        return new Result(comparable, (int)late, duplicates);
    }

    private static int PickRandom(Queue<Message>[] queues, Random random, ref int current)
    {
        // Bursty: mostly stay on one source for a while, so sources drift far apart.
        if (queues[current].Count > 0 && random.NextDouble() < 0.95)
        {
            return current;
        }

        do
        {
            current = random.Next(queues.Length);
        }
        while (queues[current].Count == 0);
        return current;
    }

    private static int NextRoundRobin(Queue<Message>[] queues, ref int next)
    {
        while (queues[next % queues.Length].Count == 0)
        {
            next++;
        }

        return next++ % queues.Length;
    }

    private enum MessageKind
    {
        Data,
        Watermark,
        Idle,
    }

    private sealed record Message(int Source, MerchantTransaction? Transaction, MessageKind Kind, EventTime Watermark);

    private sealed record Run(int Sources, List<Message>[][] Outboxes, List<SourcedTransaction> All);

    private sealed record Result(List<NaiveMetric> Metrics, int LateEvents, long Duplicates);
}
