using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Tests.Loans;

/// <summary>
/// Customer partitions → <c>actorstreams-repartition-loans</c> → loan partitions running the product's
/// <see cref="ActorStreams.Entities.Loans.LoanFlow"/> and entity logic (docs/design.md §6, Loans): however the upstream
/// partitions are skewed and interleaved, replayed, or the loan partitions fail over, the DEVICE_SHARED alerts and the
/// loan-stats, loan-channels and loan-segments windows equal an in-order computation of the rules, and the partials of
/// every loan partition merge into one window.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LoanPipelineTests
{
    private const int LoanPartitions = 3;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WindowSize = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DeviceWindow = TimeSpan.FromHours(1);
    private static readonly EventTime Start = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    private static readonly string[] AlertFields =
        ["alert_id", "rule", "application_id", "customer_id", "device_id", "channel", "loan_amount", "event_time", "detected_at", "severity", "details"];

    private static readonly string[] StatsFields =
        ["metric_id", "channel", "window_start", "window_end", "applications", "approved", "rejected", "pending", "approval_rate", "avg_loan_amount", "avg_processing_time_s"];

    private static readonly string[] ChannelFields =
        ["metric_id", "channel", "window_start", "window_end", "applications", "conversion_rate", "avg_application_duration_s", "identity_failure_rate", "fraud_alert_rate"];

    private static readonly string[] SegmentFields =
        ["metric_id", "segment", "window_start", "window_end", "applications", "avg_credit_score", "avg_loan_amount", "products"];

    [Theory]
    [InlineData(1, Interleaving.Random)]
    [InlineData(2, Interleaving.Random)]
    [InlineData(3, Interleaving.SourcesInOrder)]
    [InlineData(4, Interleaving.SourcesReversed)]
    [InlineData(5, Interleaving.RoundRobin)]
    [InlineData(6, Interleaving.Random)]
    public void Outputs_AnyInterleavingOfSources_EqualInOrderComputation(int seed, Interleaving interleaving)
    {
        var upstream = Produce(seed, customerPartitions: 4, perPartition: 400);
        var expected = InOrder.Compute(upstream.Applications);

        var result = LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = interleaving }, new Random(seed));

        AssertOutputs(expected, result, exactlyOnce: true);
        Assert.Equal(expected.WindowLate, result.Metrics.LoanWindowLateApplications);
        Assert.Equal((0, 0), result.PendingAtEnd);

        // The data exercises what is claimed: alerts and quiet shared devices, late applications of both kinds.
        Assert.True(expected.Alerts.Count > 30, $"only {expected.Alerts.Count} DEVICE_SHARED alerts");
        Assert.True(expected.SharedDevicesWithoutAlert > 0, "every device used by several customers fired");
        Assert.True(expected.QuietForAnHour > 0, $"only {expected.QuietForAnHour} applications after an hour without enough customers");
        Assert.True(expected.Stats.Count > 60, $"only {expected.Stats.Count} channel windows");
        Assert.True(expected.Segments.Count > 40, $"only {expected.Segments.Count} segment windows");
        Assert.True(expected.DeviceLate > 30, $"only {expected.DeviceLate} applications late for DEVICE_SHARED");
        Assert.True(expected.WindowLate > 10, $"only {expected.WindowLate} applications late for their window");
        Assert.True(expected.DeviceLateCountedInWindow > 10, $"only {expected.DeviceLateCountedInWindow} late-for-device applications in a window");
    }

    [Fact]
    public void Outputs_ShuffledInterleavings_AreIdentical()
    {
        var upstream = Produce(42, customerPartitions: 5, perPartition: 250);
        var baseline = Raw(LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = Interleaving.SourcesInOrder }, new Random(0)));
        Assert.NotEmpty(baseline);

        for (var shuffle = 1; shuffle <= 6; shuffle++)
        {
            var shuffled = Raw(LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = Interleaving.Random }, new Random(shuffle)));
            Assert.Equal(baseline, shuffled);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Outputs_WithReplayedSegments_AreUnchanged(int seed)
    {
        var upstream = Produce(seed, customerPartitions: 4, perPartition: 300);
        var expected = InOrder.Compute(upstream.Applications);

        // Customer partitions replay what they sent since an earlier checkpoint (same offsets, same carried watermarks), and
        // loan partitions replay partials and their watermarks.
        var random = new Random(seed);
        var replayed = upstream.WithOutboxes(upstream.Outboxes.Select(perPartition => perPartition.Select(messages => WithReplay(messages, random)).ToArray()).ToArray());
        var options = new SimulationOptions { Interleaving = Interleaving.Random, PartialReplayRate = 0.05 };
        var result = LoanPipelineSimulation.Run(replayed, options, new Random(seed + 100));

        AssertOutputs(expected, result, exactlyOnce: true);
        Assert.Equal(expected.WindowLate, result.Metrics.LoanWindowLateApplications);
        Assert.True(result.Metrics.LoanReplaysIgnored > 10, $"only {result.Metrics.LoanReplaysIgnored} replayed applications");
        Assert.True(result.Metrics.LoanPartialsIgnored > 10, $"only {result.Metrics.LoanPartialsIgnored} replayed partials");
    }

    [Fact]
    public void Outputs_WithSilentCustomerPartition_EqualInOrderComputation()
    {
        var upstream = Produce(9, customerPartitions: 3, perPartition: 400, silentPartition: true);
        var expected = InOrder.Compute(upstream.Applications);

        var result = LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = Interleaving.Random }, new Random(9));

        AssertOutputs(expected, result, exactlyOnce: true);
        Assert.True(expected.Stats.Count > 40, $"only {expected.Stats.Count} channel windows");
    }

    [Fact]
    public void Outputs_CustomerPartitionThatNeverReports_HoldEverythingBack()
    {
        var upstream = Produce(13, customerPartitions: 3, perPartition: 200, silentPartition: true);

        // Without its idle declaration the silent partition holds every loan partition's watermark: nothing is decided.
        var silent = upstream.CustomerPartitions - 1;
        var withoutIdle = upstream.WithOutboxes(upstream.Outboxes.Select((perPartition, source) => source == silent
            ? perPartition.Select(_ => new List<Message>()).ToArray()
            : perPartition).ToArray());
        var result = LoanPipelineSimulation.Run(withoutIdle, new SimulationOptions(), new Random(13));

        Assert.Empty(result.Outputs);
        Assert.Empty(result.Shipped);
        Assert.True(result.PendingAtEnd.Devices > 100, $"only {result.PendingAtEnd.Devices} applications waiting");
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Outputs_WithCheckpointsAndFailovers_EqualInOrderComputation(int seed)
    {
        var upstream = Produce(seed, customerPartitions: 4, perPartition: 300);
        var expected = InOrder.Compute(upstream.Applications);

        var options = new SimulationOptions { Interleaving = Interleaving.Random, CheckpointRate = 0.02, CrashRate = 0.0015, MaxCrashesPerPartition = 4 };
        var result = LoanPipelineSimulation.Run(upstream, options, new Random(seed));

        // At least once: an output produced again after a failover is identical to the first.
        AssertOutputs(expected, result, exactlyOnce: false);
        Assert.Equal((0, 0), result.PendingAtEnd);
        Assert.True(result.Crashes >= 3, $"only {result.Crashes} failovers");
        Assert.True(result.Checkpoints > 20, $"only {result.Checkpoints} checkpoints");
    }

    [Theory]
    [InlineData(Interleaving.Random)]
    [InlineData(Interleaving.SourcesInOrder)]
    [InlineData(Interleaving.SourcesReversed)]
    [InlineData(Interleaving.RoundRobin)]
    public void Partials_FromEveryLoanPartition_MergeIntoOneWindow(Interleaving interleaving)
    {
        // Two web devices per loan partition; the web window 10:00 has two applications in each loan partition.
        var devices = Enumerable.Range(0, LoanPartitions).SelectMany(l => DevicesOf(l, "web-", 2)).ToArray();
        var p0 = new[]
        {
            Draft("a0", 10, devices[0], "web", 5, 100.00m, 800, LoanDecisions.Approved, "personal", processing: 2.0m, duration: 100m),
            Draft("a1", 12, devices[2], "web", 15, 200.00m, 700, LoanDecisions.Approved, "auto", processing: 4.0m, duration: 50m),
            Draft("a2", 14, devices[4], "web", 25, 300.00m, 600, LoanDecisions.Rejected, "mortgage", processing: 6.0m, duration: 20m, alerted: true),
            Draft("a3", 10, "later-0", "branch", 150, 50.00m, 650, LoanDecisions.Pending, "auto", processing: 1.0m, duration: 90m),
        };
        var p1 = new[]
        {
            Draft("b0", 11, devices[1], "web", 35, 400.00m, 750, LoanDecisions.Approved, "personal", processing: 8.0m, duration: 200m, identityFailed: true),
            Draft("b1", 13, devices[3], "web", 45, 500.00m, 680, LoanDecisions.Approved, "student", processing: 10.0m, duration: 300m),
            Draft("b2", 15, devices[5], "web", 55, 600.00m, 820, LoanDecisions.Pending, "business", processing: 12.0m, duration: 400m),
            Draft("b3", 11, "later-1", "branch", 160, 70.00m, 640, LoanDecisions.Approved, "auto", processing: 1.0m, duration: 90m),
        };

        // No idle declarations: the windows can only close because the watermarks pass them (10:02:20 at most).
        var upstream = Upstream.Build(LoanPartitions, [p0, p1], new Random(1), idleAtEnd: false);
        var result = LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = interleaving }, new Random(2));

        var partials = result.Shipped
            .Select(s => (s.From, Decoded: LoanRecordCodec.TryDecode(s.Record.Value, out var record, out _) ? record : default))
            .Where(s => s.Decoded.Kind == LoanRecordKind.Partial && s.Decoded.Partial!.Key == "channel:web")
            .ToList();
        Assert.Equal([0, 1, 2], partials.Select(p => p.From).Order());
        Assert.All(partials, p => Assert.Equal(2, p.Decoded.Partial!.Aggregate.Applications));

        // Averages are the exact quotients, rounded once to the nearest double.
        var outputs = Parse(result.Outputs, exactlyOnce: true);
        Assert.Empty(outputs.Alerts);
        var window = "2026-11-22T10:00:00.000Z";
        var end = "2026-11-22T10:01:00.000Z";
        Assert.Equal([$"web:{window}"], outputs.Stats.Keys);
        Assert.Equal(new StatsRow("web", $"web:{window}", "web", window, end, 6, 4, 1, 1, 4.0 / 6, 350.0, 7.0), outputs.Stats[$"web:{window}"]);
        Assert.Equal([$"web:{window}"], outputs.Channels.Keys);
        Assert.Equal(new ChannelRow("web", $"web:{window}", "web", window, end, 6, 4.0 / 6, 1070.0 / 6, 1.0 / 6, 2.0 / 6), outputs.Channels[$"web:{window}"]);
        Assert.Equal([$"near_prime:{window}", $"prime:{window}", $"subprime:{window}"], outputs.Segments.Keys);
        Assert.Equal(
            new SegmentRow("prime", $"prime:{window}", "prime", window, end, 3, 790.0, 1100.0 / 3, "personal=2,auto=0,mortgage=0,student=0,business=1"),
            outputs.Segments[$"prime:{window}"]);
        Assert.Equal(
            new SegmentRow("near_prime", $"near_prime:{window}", "near_prime", window, end, 2, 690.0, 350.0, "personal=0,auto=1,mortgage=0,student=1,business=0"),
            outputs.Segments[$"near_prime:{window}"]);
        Assert.Equal(
            new SegmentRow("subprime", $"subprime:{window}", "subprime", window, end, 1, 600.0, 300.0, "personal=0,auto=0,mortgage=1,student=0,business=0"),
            outputs.Segments[$"subprime:{window}"]);
    }

    [Theory]
    [InlineData(Interleaving.Random)]
    [InlineData(Interleaving.SourcesInOrder)]
    [InlineData(Interleaving.SourcesReversed)]
    [InlineData(Interleaving.RoundRobin)]
    public void DeviceShared_CustomersOfSeveralPartitions_DecidedInEventTime(Interleaving interleaving)
    {
        const string device = "kiosk-1";
        var p0 = new[]
        {
            Draft("s0", 20, device, "web", 10, 1000m, 700, LoanDecisions.Approved, "personal"),
            Draft("s1", 22, device, "web", 30 * 60, 1000m, 700, LoanDecisions.Approved, "personal"),
            Draft("s2", 20, device, "web", (70 * 60) + 5, 1000m, 700, LoanDecisions.Approved, "personal"),
        };
        var p1 = new[]
        {
            Draft("t0", 21, device, "mobile", 20, 1000m, 700, LoanDecisions.Approved, "personal"),
            Draft("t1", 23, device, "mobile", (60 * 60) + 15, 1000m, 700, LoanDecisions.Approved, "personal"),

            // 75 s behind its partition: late, neither evaluated nor counted (it would make s2's count 4), nor in its window.
            Draft("t2", 25, device, "mobile", 59 * 60, 1000m, 700, LoanDecisions.Approved, "personal"),
        };
        var upstream = Upstream.Build(LoanPartitions, [p0, p1], new Random(3));

        var result = LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = interleaving }, new Random(4));

        var outputs = Parse(result.Outputs, exactlyOnce: true);
        var details = "distinct_customers=3,min_customers=3,window_seconds=3600";
        Assert.Equal(["s1:DEVICE_SHARED", "s2:DEVICE_SHARED", "t1:DEVICE_SHARED"], outputs.Alerts.Keys);
        Assert.Equal(
            new AlertRow("23", "t1:DEVICE_SHARED", "DEVICE_SHARED", "t1", 23, device, "mobile", 1000m, "2026-11-22T11:00:15.000Z", "2026-11-22T12:00:00.000Z", "HIGH", details),
            outputs.Alerts["t1:DEVICE_SHARED"]);
        Assert.All(outputs.Alerts.Values, a => Assert.Equal(details, a.Details));
        Assert.Equal(1, result.Metrics.LoanWindowLateApplications);
        Assert.DoesNotContain(outputs.Channels.Values, c => c.WindowStart == "2026-11-22T10:59:00.000Z");
        Assert.Equal(AsRows(InOrder.Compute(upstream.Applications)), AsRows(outputs));
    }

    [Theory]
    [InlineData(31, Interleaving.Random)]
    [InlineData(32, Interleaving.Random)]
    [InlineData(33, Interleaving.SourcesInOrder)]
    [InlineData(34, Interleaving.SourcesReversed)]
    [InlineData(35, Interleaving.RoundRobin)]
    public void Windows_CustomerPartitionBackFromIdleThenIdleAgain_AllEmittedOnceEveryoneIsIdle(int seed, Interleaving interleaving)
    {
        // Partition 0 goes idle after its first minute, comes back with one application three minutes later (announcing its
        // watermark to every loan partition, its application reaching one of them) and goes idle again; partition 1 has
        // its first minute only. Whatever the order, once every partition is idle every window is emitted.
        var random = new Random(seed);
        var p0 = Enumerable.Range(0, 6).Select(i => Draft($"a{i}", 10 + (2 * i), $"own-a{i}", LoanChannels.All[i % 5], 5 + (i * 9), 100m + i, 600 + (i * 40), LoanDecisions.Approved, "auto"))
            .Append(Draft("a-back", 10, "own-back", "partner", 180, 990m, 700, LoanDecisions.Rejected, "business"))
            .ToArray();
        var p1 = Enumerable.Range(0, 6).Select(i => Draft($"b{i}", 11 + (2 * i), $"own-b{i}", LoanChannels.All[(i + 2) % 5], 8 + (i * 9), 200m + i, 580 + (i * 45), LoanDecisions.Pending, "student"))
            .ToArray();
        var upstream = Upstream.Build(LoanPartitions, [p0, p1], random, idleAfter: (partition, offset) => partition == 0 && offset == 5);
        var expected = InOrder.Compute(upstream.Applications);

        var result = LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = interleaving }, random);

        AssertOutputs(expected, result, exactlyOnce: true);
        Assert.Contains("partner:2026-11-22T10:03:00.000Z", expected.Stats.Keys);
        Assert.Equal((0, 0), result.PendingAtEnd);
    }

    [Theory]
    [InlineData(41, Interleaving.Random)]
    [InlineData(42, Interleaving.Random)]
    [InlineData(43, Interleaving.SourcesInOrder)]
    [InlineData(44, Interleaving.SourcesReversed)]
    [InlineData(45, Interleaving.RoundRobin)]
    public void Windows_CustomerPartitionsIdleNowAndThen_EveryApplicationCountedOnceAndEverythingEmitted(int seed, Interleaving interleaving)
    {
        // A partition back from idle may find the others' watermark past its data: what is decided then depends on arrival
        // order (docs/design.md §6), so only the bookkeeping is checked: each window once, each application in exactly one
        // window or counted as late, nothing left waiting once every partition is idle.
        var upstream = Produce(seed, customerPartitions: 4, perPartition: 250, idleRate: 0.02);

        var result = LoanPipelineSimulation.Run(upstream, new SimulationOptions { Interleaving = interleaving }, new Random(seed));

        var outputs = Parse(result.Outputs, exactlyOnce: true);
        Assert.Equal((0, 0), result.PendingAtEnd);
        var inChannels = outputs.Stats.Values.Sum(w => w.Applications);
        Assert.Equal(inChannels, outputs.Segments.Values.Sum(w => w.Applications));
        Assert.Equal(outputs.Stats.Keys, outputs.Channels.Keys);
        Assert.Equal(upstream.Applications.Count, inChannels + result.Metrics.LoanWindowLateApplications + result.LateInPartials);
        Assert.True(result.Metrics.LoanWindowLateApplications + result.LateInPartials > InOrder.Compute(upstream.Applications).WindowLate,
            "no application was late because its partition had been idle");
        Assert.All(outputs.Alerts.Values, a => Assert.Contains(upstream.Applications, x => x.ApplicationId == a.ApplicationId && x.DeviceId == a.DeviceId));
    }

    private static IEnumerable<string> DevicesOf(int loanPartition, string prefix, int count) =>
        Enumerable.Range(0, 1000).Select(n => prefix + n.ToString(CultureInfo.InvariantCulture))
            .Where(d => Murmur2Partitioner.Partition(LoanWindowKeys.Device(d), LoanPartitions) == loanPartition)
            .Take(count);

    private static LoanForward Draft(string id, long customer, string device, string channel, int seconds, decimal amount, int creditScore, string decision,
        string product, decimal processing = 1m, decimal duration = 60m, bool identityFailed = false, bool alerted = false) => new()
        {
            ApplicationId = id,
            CustomerId = new CustomerId(customer),
            DeviceId = device,
            Channel = channel,
            Product = product,
            CreditScore = creditScore,
            Decision = decision,
            LoanAmount = amount,
            ProcessingTimeSeconds = processing,
            ApplicationDurationSeconds = duration,
            IdentityFailed = identityFailed,
            CustomerAlerted = alerted || identityFailed,
            EventTime = Start + TimeSpan.FromSeconds(seconds),
            SourcePartition = -1,
            SourceOffset = -1,
            SourceWatermark = EventTime.MinValue,
        };

    /// <summary>
    /// Random applications: customer c lives in customer partition c mod N; devices are personal, shared by a pair of
    /// customers, or shared by many (busy kiosks, and booths used a few times an hour); event times move forward per partition with some disorder (a tenth out of
    /// order by up to two minutes, some exactly at or just inside the grace, and quiet spells of minutes), so that some applications
    /// are late and the devices' hour runs out.
    /// </summary>
    private static Upstream Produce(int seed, int customerPartitions, int perPartition, bool silentPartition = false, double idleRate = 0)
    {
        const int customersPerPartition = 40;
        var random = new Random(seed);
        var drafts = new List<LoanForward>[customerPartitions + (silentPartition ? 1 : 0)];
        for (var p = 0; p < drafts.Length; p++)
        {
            drafts[p] = [];
        }

        for (var p = 0; p < customerPartitions; p++)
        {
            var clock = Start + TimeSpan.FromMilliseconds(p * 7_500);
            var maxT = clock;
            for (var i = 0; i < perPartition; i++)
            {
                EventTime time;
                var roll = random.NextDouble();
                if (roll < 0.10)
                {
                    time = clock - TimeSpan.FromMilliseconds(random.Next(0, 120_000));
                }
                else if (roll < 0.12)
                {
                    time = maxT - Grace; // exactly at the carried watermark: late
                }
                else if (roll < 0.14)
                {
                    time = maxT - Grace + TimeSpan.FromMilliseconds(1); // just inside the grace
                }
                else if (roll < 0.17)
                {
                    clock += TimeSpan.FromMilliseconds(random.Next(180_000, 720_000)); // a quiet spell: devices' hours expire
                    time = clock;
                }
                else
                {
                    clock += TimeSpan.FromMilliseconds(random.Next(0, 6_000));
                    time = random.NextDouble() < 0.1 ? clock.Floor(TimeSpan.FromSeconds(30)) : clock;
                }

                maxT = EventTime.Max(maxT, time);
                var customer = p + (customerPartitions * random.Next(customersPerPartition));
                var deviceRoll = random.NextDouble();
                var device = deviceRoll < 0.08 ? $"kiosk-{random.Next(10)}"
                    : deviceRoll < 0.16 ? $"booth-{random.Next(25)}"
                    : deviceRoll < 0.24 ? $"pair-{customer / 2}"
                    : $"own-{customer}";
                var identityFailed = random.NextDouble() < 0.1;
                var duration = random.Next(0, 60_000) / 100m;
                drafts[p].Add(new LoanForward
                {
                    ApplicationId = $"app-{p}-{i}",
                    CustomerId = new CustomerId(customer),
                    DeviceId = device,
                    Channel = LoanChannels.All[random.Next(LoanChannels.All.Count)],
                    Product = LoanProducts.All[random.Next(LoanProducts.All.Count)],
                    CreditScore = random.Next(300, 851),
                    Decision = LoanDecisions.All[random.Next(LoanDecisions.All.Count)],
                    LoanAmount = random.Next(100_000, 5_000_001) / 100m,
                    ProcessingTimeSeconds = random.Next(0, 100_000) / 1000m,
                    ApplicationDurationSeconds = duration,
                    IdentityFailed = identityFailed,
                    CustomerAlerted = identityFailed || duration < 30 || random.NextDouble() < 0.05,
                    EventTime = time,
                    SourcePartition = -1,
                    SourceOffset = -1,
                    SourceWatermark = EventTime.MinValue,
                });
            }
        }

        var idle = new HashSet<(int, int)>();
        for (var p = 0; p < customerPartitions; p++)
        {
            for (var i = 0; i < perPartition; i++)
            {
                if (random.NextDouble() < idleRate)
                {
                    idle.Add((p, i));
                }
            }
        }

        return Upstream.Build(LoanPartitions, drafts, random, idleAfter: (p, i) => idle.Contains((p, i)));
    }

    /// <summary>
    /// Re-delivers a few slices right after themselves, as a source that fails over and replays from a checkpoint, and
    /// sometimes the end again after the idle declaration.
    /// </summary>
    private static List<Message> WithReplay(List<Message> messages, Random random)
    {
        if (messages.Count < 10)
        {
            return messages;
        }

        var result = new List<Message>(messages);
        for (var replay = 0; replay < 3; replay++)
        {
            // Before the last message (the idle declaration).
            var end = random.Next(5, result.Count);
            var start = Math.Max(0, end - random.Next(1, 40));
            result.InsertRange(end, result.GetRange(start, end - start));
        }

        if (random.Next(2) == 0)
        {
            // A source that had declared itself idle fails over: its new owner replays from the last checkpoint and, caught
            // up, is idle again.
            var start = result.Count - random.Next(2, 40);
            result.AddRange(result.GetRange(start, result.Count - start));
        }

        return result;
    }

    private static void AssertOutputs(InOrder.Expected expected, SimulationResult result, bool exactlyOnce)
    {
        var actual = Parse(result.Outputs, exactlyOnce);
        AssertSame("loan-fraud-alerts", expected.Alerts, actual.Alerts);
        AssertSame("loan-stats", expected.Stats, actual.Stats);
        AssertSame("loan-channels", expected.Channels, actual.Channels);
        AssertSame("loan-segments", expected.Segments, actual.Segments);
    }

    private static void AssertSame<TRow>(string topic, SortedDictionary<string, TRow> expected, SortedDictionary<string, TRow> actual)
    {
        var missing = expected.Keys.Except(actual.Keys).ToList();
        var unexpected = actual.Keys.Except(expected.Keys).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            $"{topic}: {missing.Count} missing ({string.Join(", ", missing.Take(5))}), {unexpected.Count} unexpected ({string.Join(", ", unexpected.Take(5))})");
        foreach (var (id, row) in expected)
        {
            Assert.Equal(row, actual[id]);
        }
    }

    /// <summary>Every output by topic and id, with its exact bytes.</summary>
    private static SortedDictionary<string, string> Raw(SimulationResult result)
    {
        var raw = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in result.Outputs)
        {
            using var json = JsonDocument.Parse(record.Value);
            var id = json.RootElement.TryGetProperty("alert_id", out var alert) ? alert.GetString() : json.RootElement.GetProperty("metric_id").GetString();
            Assert.True(raw.TryAdd($"{record.Topic}/{id}", Encoding.UTF8.GetString(record.Key!) + " " + Encoding.UTF8.GetString(record.Value)), $"{record.Topic}/{id} twice");
        }

        return raw;
    }

    private static List<object> AsRows(Outputs outputs) =>
        [.. outputs.Alerts.Values, .. outputs.Stats.Values, .. outputs.Channels.Values, .. outputs.Segments.Values];

    private static List<object> AsRows(InOrder.Expected expected) =>
        [.. expected.Alerts.Values, .. expected.Stats.Values, .. expected.Channels.Values, .. expected.Segments.Values];

    /// <summary>Reads the output records back, by topic and id; an id seen twice must have identical content (and is refused when <paramref name="exactlyOnce"/>).</summary>
    private static Outputs Parse(IEnumerable<ProducerRecord> records, bool exactlyOnce)
    {
        var topics = KafkaTopics.Default;
        var outputs = new Outputs();
        foreach (var record in records)
        {
            using var json = JsonDocument.Parse(record.Value);
            var root = json.RootElement;
            var key = Encoding.UTF8.GetString(record.Key ?? []);
            var names = root.EnumerateObject().Select(p => p.Name).ToArray();
            if (record.Topic == topics.LoanFraudAlerts)
            {
                Assert.Equal(AlertFields, names);
                var details = string.Join(",", root.GetProperty("details").EnumerateObject().Select(d => d.Name + "=" + Number(d.Value.GetDouble())));
                var row = new AlertRow(key, Text(root, "alert_id"), Text(root, "rule"), Text(root, "application_id"), root.GetProperty("customer_id").GetInt64(),
                    Text(root, "device_id"), Text(root, "channel"), root.GetProperty("loan_amount").GetDecimal(), Text(root, "event_time"),
                    Text(root, "detected_at"), Text(root, "severity"), details);
                Collect(outputs.Alerts, row.AlertId, row, exactlyOnce);
            }
            else if (record.Topic == topics.LoanStats)
            {
                Assert.Equal(StatsFields, names);
                var row = new StatsRow(key, Text(root, "metric_id"), Text(root, "channel"), Text(root, "window_start"), Text(root, "window_end"),
                    Int(root, "applications"), Int(root, "approved"), Int(root, "rejected"), Int(root, "pending"),
                    Real(root, "approval_rate"), Real(root, "avg_loan_amount"), Real(root, "avg_processing_time_s"));
                Collect(outputs.Stats, row.MetricId, row, exactlyOnce);
            }
            else if (record.Topic == topics.LoanChannels)
            {
                Assert.Equal(ChannelFields, names);
                var row = new ChannelRow(key, Text(root, "metric_id"), Text(root, "channel"), Text(root, "window_start"), Text(root, "window_end"),
                    Int(root, "applications"), Real(root, "conversion_rate"), Real(root, "avg_application_duration_s"),
                    Real(root, "identity_failure_rate"), Real(root, "fraud_alert_rate"));
                Collect(outputs.Channels, row.MetricId, row, exactlyOnce);
            }
            else if (record.Topic == topics.LoanSegments)
            {
                Assert.Equal(SegmentFields, names);
                var products = string.Join(",", root.GetProperty("products").EnumerateObject().Select(p => p.Name + "=" + p.Value.GetInt64().ToString(CultureInfo.InvariantCulture)));
                var row = new SegmentRow(key, Text(root, "metric_id"), Text(root, "segment"), Text(root, "window_start"), Text(root, "window_end"),
                    Int(root, "applications"), Real(root, "avg_credit_score"), Real(root, "avg_loan_amount"), products);
                Collect(outputs.Segments, row.MetricId, row, exactlyOnce);
            }
            else
            {
                Assert.Fail($"unexpected output to {record.Topic}: {Encoding.UTF8.GetString(record.Value)}");
            }
        }

        return outputs;
    }

    private static void Collect<TRow>(SortedDictionary<string, TRow> into, string id, TRow row, bool exactlyOnce)
    {
        if (into.TryGetValue(id, out var first))
        {
            Assert.False(exactlyOnce, $"{id} emitted twice");
            Assert.Equal(first, row);
            return;
        }

        into[id] = row;
    }

    private static string Text(JsonElement root, string name) => root.GetProperty(name).GetString()!;

    private static long Int(JsonElement root, string name) => root.GetProperty(name).GetInt64();

    private static double Real(JsonElement root, string name) => root.GetProperty(name).GetDouble();

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Iso(EventTime time) => time.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed record AlertRow(string Key, string AlertId, string Rule, string ApplicationId, long CustomerId, string DeviceId, string Channel,
        decimal LoanAmount, string EventTime, string DetectedAt, string Severity, string Details);

    private sealed record StatsRow(string Key, string MetricId, string Channel, string WindowStart, string WindowEnd, long Applications,
        long Approved, long Rejected, long Pending, double ApprovalRate, double AvgLoanAmount, double AvgProcessingTimeS);

    private sealed record ChannelRow(string Key, string MetricId, string Channel, string WindowStart, string WindowEnd, long Applications,
        double ConversionRate, double AvgApplicationDurationS, double IdentityFailureRate, double FraudAlertRate);

    private sealed record SegmentRow(string Key, string MetricId, string Segment, string WindowStart, string WindowEnd, long Applications,
        double AvgCreditScore, double AvgLoanAmount, string Products);

    private sealed class Outputs
    {
        public SortedDictionary<string, AlertRow> Alerts { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, StatsRow> Stats { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, ChannelRow> Channels { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, SegmentRow> Segments { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// The rules of docs/design.md §6 (Loans) applied to every application at once, in event time, without watermarks,
    /// partitions or arrival order: what any interleaving must produce.
    /// </summary>
    private static class InOrder
    {
        public static Expected Compute(IReadOnlyList<LoanForward> applications)
        {
            var expected = new Expected();

            // The watermark each application carries: its partition's newest application time so far, minus the grace.
            foreach (var partition in applications.GroupBy(a => a.SourcePartition))
            {
                var newest = long.MinValue;
                foreach (var application in partition.OrderBy(a => a.SourceOffset))
                {
                    newest = Math.Max(newest, application.EventTime.Ticks);
                    Assert.Equal(new EventTime(newest) - Grace, application.SourceWatermark);
                }
            }

            // DEVICE_SHARED: late = at or before its carried watermark; ≥ 3 distinct customers among the device's non-late
            // applications in [t − 1 h, t].
            var deviceLate = applications.Where(a => a.EventTime <= a.SourceWatermark).ToHashSet();
            expected.DeviceLate = deviceLate.Count;
            var fired = new HashSet<string>(StringComparer.Ordinal);
            foreach (var device in applications.Where(a => !deviceLate.Contains(a)).GroupBy(a => a.DeviceId))
            {
                var any = false;
                foreach (var application in device)
                {
                    var from = application.EventTime - DeviceWindow;
                    var customers = device.Where(j => j.EventTime >= from && j.EventTime <= application.EventTime).Select(j => j.CustomerId).Distinct().Count();
                    if (customers < 3)
                    {
                        if (device.Where(j => j.EventTime <= application.EventTime).Select(j => j.CustomerId).Distinct().Count() >= 3)
                        {
                            expected.QuietForAnHour++;
                        }

                        continue;
                    }

                    any = true;
                    fired.Add(application.ApplicationId);
                    var alertId = application.ApplicationId + ":DEVICE_SHARED";
                    expected.Alerts[alertId] = new AlertRow(application.CustomerId.Value.ToString(CultureInfo.InvariantCulture), alertId, "DEVICE_SHARED",
                        application.ApplicationId, application.CustomerId.Value, application.DeviceId, application.Channel, application.LoanAmount,
                        Iso(application.EventTime), Iso(EventTime.FromDateTimeOffset(LoanPipelineSimulation.Now)), "HIGH",
                        $"distinct_customers={customers},min_customers=3,window_seconds=3600");
                }

                if (!any && device.Select(a => a.CustomerId).Distinct().Count() > 1)
                {
                    expected.SharedDevicesWithoutAlert++;
                }
            }

            // Windows: an application whose window ends at or before its carried watermark is in no window.
            var channels = new Dictionary<(string, long), List<LoanForward>>();
            var segments = new Dictionary<(string, long), List<LoanForward>>();
            foreach (var application in applications)
            {
                var start = application.EventTime.Floor(WindowSize);
                if (start + WindowSize <= application.SourceWatermark)
                {
                    expected.WindowLate++;
                    continue;
                }

                if (deviceLate.Contains(application))
                {
                    expected.DeviceLateCountedInWindow++;
                }

                Add(channels, (application.Channel, start.Ticks), application);
                var segment = application.CreditScore >= 720 ? "prime" : application.CreditScore >= 660 ? "near_prime" : "subprime";
                Add(segments, (segment, start.Ticks), application);
            }

            foreach (var ((channel, ticks), members) in channels)
            {
                var (start, end) = (Iso(new EventTime(ticks)), Iso(new EventTime(ticks) + WindowSize));
                var id = channel + ":" + start;
                var count = members.Count;
                var approved = members.Count(a => a.Decision == "approved");
                var alerted = members.Count(a => a.CustomerAlerted || fired.Contains(a.ApplicationId));
                expected.Stats[id] = new StatsRow(channel, id, channel, start, end, count, approved, members.Count(a => a.Decision == "rejected"),
                    members.Count(a => a.Decision == "pending"), (double)approved / count, Mean(members, a => a.LoanAmount), Mean(members, a => a.ProcessingTimeSeconds));
                expected.Channels[id] = new ChannelRow(channel, id, channel, start, end, count, (double)approved / count, Mean(members, a => a.ApplicationDurationSeconds),
                    (double)members.Count(a => a.IdentityFailed) / count, (double)alerted / count);
            }

            foreach (var ((segment, ticks), members) in segments)
            {
                var (start, end) = (Iso(new EventTime(ticks)), Iso(new EventTime(ticks) + WindowSize));
                var id = segment + ":" + start;
                var products = string.Join(",", new[] { "personal", "auto", "mortgage", "student", "business" }
                    .Select(p => p + "=" + members.Count(a => a.Product == p).ToString(CultureInfo.InvariantCulture)));
                expected.Segments[id] = new SegmentRow(segment, id, segment, start, end, members.Count, Mean(members, a => a.CreditScore),
                    Mean(members, a => a.LoanAmount), products);
            }

            return expected;
        }

        private static void Add(Dictionary<(string, long), List<LoanForward>> windows, (string, long) key, LoanForward application)
        {
            if (!windows.TryGetValue(key, out var members))
            {
                windows[key] = members = [];
            }

            members.Add(application);
        }

        /// <summary>An exact decimal sum divided by the count, rounded once to the nearest double (parsing is correctly rounded).</summary>
        private static double Mean(List<LoanForward> members, Func<LoanForward, decimal> value) =>
            double.Parse((members.Sum(value) / members.Count).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        public sealed class Expected
        {
            public SortedDictionary<string, AlertRow> Alerts { get; } = new(StringComparer.Ordinal);

            public SortedDictionary<string, StatsRow> Stats { get; } = new(StringComparer.Ordinal);

            public SortedDictionary<string, ChannelRow> Channels { get; } = new(StringComparer.Ordinal);

            public SortedDictionary<string, SegmentRow> Segments { get; } = new(StringComparer.Ordinal);

            public int DeviceLate { get; set; }

            public int WindowLate { get; set; }

            public int DeviceLateCountedInWindow { get; set; }

            public int SharedDevicesWithoutAlert { get; set; }

            /// <summary>Applications that would fire DEVICE_SHARED if the device's earlier customers had not been more than an hour ago.</summary>
            public int QuietForAnHour { get; set; }
        }
    }
}
