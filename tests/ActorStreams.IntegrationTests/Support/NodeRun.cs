using System.Diagnostics;
using System.Globalization;
using ActorStreams.Hocon;
using ActorStreams.IntegrationTests.Oracle;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Node;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// One end-to-end run: an in-process dev broker with every topic, the planned input produced phase by phase, one node
/// (in-memory store) and plain reads of every topic. Disposing stops the node and the broker.
/// </summary>
public sealed class NodeRun : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;
    private readonly DirectoryInfo _home;
    private readonly List<KeyValuePair<string, string>> _overrides;
    private readonly Dictionary<string, long> _produced = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<NodeProcess> _processes = [];
    private DevBroker? _broker;

    private NodeRun(ITestOutputHelper output, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        _output = output;
        _home = Directory.CreateTempSubdirectory("actorstreams-it-");
        _overrides = [.. overrides];
        Config = NodeConfiguration.Load(_home.FullName, null, _overrides);
        Kafka = KafkaSettings.Create(Config);
    }

    /// <summary>The node's configuration (pointing at the broker).</summary>
    public Config Config { get; private set; }

    /// <summary>The Kafka settings of the configuration.</summary>
    public KafkaSettings Kafka { get; private set; }

    /// <summary>The in-process dev broker (for fault injection).</summary>
    public DevBroker Broker => _broker ?? throw new InvalidOperationException("the run has no broker");

    /// <summary>The node, once started.</summary>
    public ActorStreamsNode? Node { get; private set; }

    /// <summary>The run's working directory (deleted on dispose).</summary>
    public string Home => _home.FullName;

    /// <summary>Partitions of every topic.</summary>
    public int Partitions => Kafka.Partitions;

    /// <summary>
    /// Starts a broker with every topic of the configuration resolved from the modules' reference.conf and
    /// <paramref name="overrides"/> (HOCON paths); the bootstrap override is added.
    /// </summary>
    /// <param name="output">The test output.</param>
    /// <param name="overrides">HOCON paths and values.</param>
    /// <param name="faultInjection">Puts relays in front of the brokers so that <see cref="DevBroker.SetBrokerDown"/> works.</param>
    public static NodeRun StartBroker(ITestOutputHelper output, IEnumerable<KeyValuePair<string, string>> overrides, bool faultInjection = false)
    {
        var run = new NodeRun(output, overrides);
        try
        {
            run._broker = DevBroker.Start(run.Kafka, faultInjection: faultInjection);
            run._overrides.Add(new("actorstreams.kafka.bootstrap", run._broker.BootstrapServers));
            run.Config = NodeConfiguration.Load(run._home.FullName, null, run._overrides);
            run.Kafka = KafkaSettings.Create(run.Config);
            run.Log($"dev broker {run._broker.BootstrapServers}, {run.Kafka.Partitions} partitions per topic");
            return run;
        }
        catch
        {
            run.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Writes a line to the test output, with the time since the run started.</summary>
    public void Log(string line)
    {
        try
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));
        }
        catch (InvalidOperationException)
        {
            // The test has finished.
        }
    }

    /// <summary>Produces one phase of input and waits for its delivery.</summary>
    public async Task ProduceAsync(IReadOnlyList<PlannedRecord> records)
    {
        await InputProducer.ProduceAsync(Kafka, records, CancellationToken.None);
        foreach (var record in records)
        {
            var topic = Kafka.Topics.Resolve(record.Topic);
            _produced[topic] = _produced.GetValueOrDefault(topic) + 1;
        }

        Log($"produced {records.Count:N0} records ({string.Join(", ", records.GroupBy(r => r.Topic).Select(g => $"{g.Key} {g.Count():N0}"))})");
    }

    /// <summary>Starts the node.</summary>
    public async Task StartNodeAsync()
    {
        Node = await ActorStreamsNode.StartAsync(new NodeOptions { Config = Config, LoggerFactory = new TestOutputLoggerFactory(_output) }, CancellationToken.None);
        Log($"node {Node.NodeId} started");
    }

    /// <summary>
    /// Starts a node process (the built CLI) with this run's settings plus <paramref name="extra"/> (HOCON paths), in this
    /// run's working directory; disposing the run kills it if it still runs.
    /// </summary>
    public Task<NodeProcess> StartProcessAsync(string nodeId, params (string Key, string Value)[] extra) =>
        StartProcessAsync(nodeId, [], extra);

    /// <summary>Like <see cref="StartProcessAsync(string, ValueTuple{string, string}[])"/>, with command-line <paramref name="arguments"/> (<c>--port</c>, <c>--seed</c>).</summary>
    public async Task<NodeProcess> StartProcessAsync(string nodeId, IReadOnlyList<string> arguments, params (string Key, string Value)[] extra)
    {
        var settings = _overrides.Concat(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        var process = await NodeProcess.StartAsync(nodeId, settings, _home.FullName, Log, TimeSpan.FromSeconds(60), arguments);
        lock (_processes)
        {
            // Nodes may be started concurrently.
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>The node processes started so far, in start order.</summary>
    public IReadOnlyList<NodeProcess> Processes
    {
        get
        {
            lock (_processes)
            {
                return [.. _processes];
            }
        }
    }

    /// <summary>The records produced so far to <paramref name="topic"/> (physical name).</summary>
    public long Produced(string topic) => _produced.GetValueOrDefault(topic);

    /// <summary>
    /// Waits until the node has consumed every record produced to the customer-keyed topics, has nothing in flight, and
    /// <paramref name="also"/> holds. Gives up (false) after <paramref name="timeout"/>, or earlier once the input is
    /// consumed and no counter has moved for <see cref="QuietLimit"/> (the node has done all it will do). Throws when
    /// the node faulted.
    /// </summary>
    public async Task<bool> WaitUntilSettledAsync(TimeSpan timeout, Func<NodeStatus, bool>? also = null)
    {
        var node = Node ?? throw new InvalidOperationException("the node is not started");
        string[] inputs = [Kafka.Topics.Transactions, Kafka.Topics.CustomerActivity, Kafka.Topics.CustomerDetails];
        var repartition = Kafka.Topics.RepartitionMerchant;
        using var probe = new WatermarkProbe(Kafka.BootstrapServers);
        var quiet = Stopwatch.StartNew();
        var last = string.Empty;
        var gaveUp = false;
        var settled = await Eventually.HoldsWithin(
            () =>
            {
                if (node.Faulted.IsFaulted)
                {
                    throw new InvalidOperationException($"the node faulted: {node.Faulted.Exception!.InnerException!.Message}", node.Faulted.Exception);
                }

                // Input consumed and nothing in flight: every forward to the repartition topic is delivered (a record
                // completes after its outputs), so the merchant side has consumed them all when it reached the end.
                var status = node.Status();
                var consumed = inputs.All(t => node.KafkaMetrics.EventsIn(t) >= _produced.GetValueOrDefault(t))
                    && status.InFlight == 0
                    && node.KafkaMetrics.EventsIn(repartition) >= probe.Records(repartition, Partitions)
                    && node.Status().InFlight == 0;
                if (consumed && (also is null || also(status)))
                {
                    return true;
                }

                var now = Describe(status);
                if (now != last)
                {
                    last = now;
                    quiet.Restart();
                }

                gaveUp = consumed && quiet.Elapsed > QuietLimit;
                return gaveUp;
            },
            timeout);
        settled &= !gaveUp;
        Log($"{(settled ? "settled" : gaveUp ? $"NOT settled, nothing moved for {QuietLimit.TotalSeconds} s" : $"NOT settled within {timeout.TotalSeconds} s")}: {Describe(node.Status())}");
        return settled;
    }

    /// <summary>How long a consumed input may leave every counter unchanged before a wait gives up (well over the idle timeouts).</summary>
    public static TimeSpan QuietLimit { get; } = TimeSpan.FromSeconds(12);

    /// <summary>Reads one topic (physical name) to its current end.</summary>
    public TopicContents Read(string topic) => TopicReader.ReadToEnd(Kafka.BootstrapServers, topic, Partitions, ReadTimeout);

    /// <summary>Reads the four input topics and computes the oracle's expectations.</summary>
    public Expectations ComputeExpectations()
    {
        var topics = Kafka.Topics;
        var inputs = new[] { topics.Transactions, topics.CustomerActivity, topics.CustomerDetails, topics.CustomerOffers }.Select(Read).ToList();
        foreach (var input in inputs)
        {
            Assert.True(input.LostToRetention == 0, $"{input.Topic}: {input.LostToRetention} records lost to the dev broker's retention; size the input to fit");
            Assert.Equal(_produced.GetValueOrDefault(input.Topic), input.Records.Count);
        }

        var clock = Stopwatch.StartNew();
        var expected = NaiveOracle.Compute(inputs[0], inputs[1], inputs[2], inputs[3]);
        Log($"oracle ({clock.ElapsedMilliseconds} ms): {expected}");
        return expected;
    }

    /// <summary>
    /// Reads every output topic, again until each holds every expected id (outputs are produced asynchronously) or
    /// <paramref name="timeout"/> passes, and compares them with <paramref name="expected"/>.
    /// </summary>
    public async Task<ComparisonReport> CompareOutputsAsync(Expectations expected, TimeSpan timeout)
    {
        var topics = Kafka.Topics;
        OutputTopics? outputs = null;
        ComparisonReport? report = null;
        await Eventually.HoldsWithin(
            () =>
            {
                outputs = new OutputTopics(
                    Read(topics.FraudAlerts), Read(topics.ChurnAlerts), Read(topics.EnrichedActivity), Read(topics.MerchantMetrics), Read(topics.DeadLetter));
                report = OutputComparer.Compare(expected, outputs, Partitions, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                return report.Equal;
            },
            timeout);
        foreach (var output in outputs!.All)
        {
            Assert.True(output.LostToRetention == 0, $"{output.Topic}: {output.LostToRetention} records lost to the dev broker's retention");
        }

        Log("comparison with the oracle:\n" + report);
        return report!;
    }

    /// <summary>The counters of the node, in one line.</summary>
    public static string Describe(NodeStatus status) =>
        string.Create(CultureInfo.InvariantCulture,
            $"in {string.Join(", ", status.EventsIn.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value:N0}"))}; in flight {status.InFlight}; " +
            $"fraud {string.Join(", ", status.FraudAlerts.Where(a => a.Value > 0).Select(a => $"{a.Key} {a.Value}"))}; churn {status.ChurnAlerts}; enriched {status.EnrichedRecords}; " +
            $"metrics {status.MerchantMetrics}; late {status.LateTransactions}/{status.MerchantLateEvents}; dead letters {status.DeadLetters}; " +
            $"lost {status.RecordsLostToRetention}; misrouted {status.MisroutedRecords}; active {status.ActiveEntities}; passivated {status.Passivations}; checkpoints {status.Checkpoints}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var process in _processes)
            {
                await process.DisposeAsync();
            }

            if (Node is { } node)
            {
                Node = null;
                await node.StopAsync();
                Log("node stopped");
            }
        }
        finally
        {
            _broker?.Dispose();
            _broker = null;
            _home.Delete(recursive: true);
        }
    }
}
