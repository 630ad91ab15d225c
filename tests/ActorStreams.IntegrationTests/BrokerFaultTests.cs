using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.Kafka.Broker;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 13's broker faults on a running node: the dev broker down for 10 s mid-stream, then injected request errors
/// with added latency. Nothing may be lost or counted twice: every output equals the oracle's, as in an undisturbed run.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BrokerFaultTests(ITestOutputHelper output)
{
    private const int Partitions = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Node_BrokerDownForTenSecondsMidStream_EveryOutputEqualsTheOracle()
    {
        var plan = Scenarios.Preloaded(transactions: 12_000, customers: 300, activities: 2_000);
        await using var run = NodeRun.StartBroker(output, OracleAssert.Overrides(Partitions, idleTimeout: "3s"), faultInjection: true);
        await run.ProduceAsync(plan.Phases[0]);
        await run.StartNodeAsync();
        var node = run.Node!;
        var total = plan.Phases[0].Count;
        Assert.True(
            await Eventually.HoldsWithin(() => node.Status().EventsIn.Values.Sum() >= total / 10, SettleTimeout),
            "the node did not start consuming");

        long before;
        try
        {
            for (var broker = 1; broker <= run.Broker.BrokerCount; broker++)
            {
                run.Broker.SetBrokerDown(broker);
            }

            run.Log($"broker down at {node.Status().Produced:N0} outputs delivered");
            await Task.Delay(Outage); // the outage itself, not a synchronisation
            before = node.Status().Produced;
        }
        finally
        {
            for (var broker = 1; broker <= run.Broker.BrokerCount; broker++)
            {
                run.Broker.SetBrokerUp(broker);
            }
        }

        run.Log($"broker up again; {before:N0} outputs delivered");
        Assert.False(node.Faulted.IsCompleted, "the node faulted during the outage");
        Assert.True(await run.WaitUntilSettledAsync(SettleTimeout), "the node did not catch up after the outage");
        Assert.True(node.Status().Produced > before, "nothing was delivered after the outage");

        await run.ProduceAsync(plan.Phases[1]);
        var expected = run.ComputeExpectations();
        await run.WaitUntilSettledAsync(SettleTimeout, s => s.MerchantMetrics >= expected.Metrics.Count);
        await OracleAssert.OutputsEqualAsync(run, expected);
    }

    [Fact]
    public async Task Node_RequestErrorsAndAddedLatency_EveryOutputEqualsTheOracle()
    {
        var plan = Scenarios.Preloaded(transactions: 8_000, customers: 200, activities: 1_500);
        await using var run = NodeRun.StartBroker(output, OracleAssert.Overrides(Partitions, idleTimeout: "3s"));
        await run.ProduceAsync(plan.Phases[0]);

        // 50 ms more on every request from the start, and a burst of retriable errors on the paths the node uses.
        for (var broker = 1; broker <= run.Broker.BrokerCount; broker++)
        {
            run.Broker.SetRtt(broker, 50);
        }

        // Produce gets only errors after which nothing was written. A timeout or a dropped connection leaves a batch
        // "possibly persisted", and librdkafka's idempotent producer then takes the success of a later batch to the
        // same partition as proof the earlier one was written (a real broker refuses the later one as out of order).
        // librdkafka's mock cluster checks sequence numbers only for transactional producers, so it accepts the later
        // batch and the earlier one is lost: an artefact of the dev broker that failed this test about one run in five.
        // Fetch, which writes nothing, gets timeouts and dropped connections too.
        run.Broker.PushRequestErrors(
            KafkaApiKey.Produce,
            KafkaProtocolError.NotLeaderForPartition,
            KafkaProtocolError.NotEnoughReplicas,
            KafkaProtocolError.LeaderNotAvailable,
            KafkaProtocolError.NotLeaderForPartition);
        run.Broker.PushRequestErrors(
            KafkaApiKey.Fetch,
            KafkaProtocolError.NotLeaderForPartition,
            KafkaProtocolError.Transport,
            KafkaProtocolError.UnknownTopicOrPartition,
            KafkaProtocolError.RequestTimedOut);
        await run.StartNodeAsync();
        Assert.True(await run.WaitUntilSettledAsync(SettleTimeout), "the node did not consume its input through the errors");

        for (var broker = 1; broker <= run.Broker.BrokerCount; broker++)
        {
            run.Broker.SetRtt(broker, 0);
        }

        await run.ProduceAsync(plan.Phases[1]);
        var expected = run.ComputeExpectations();
        await run.WaitUntilSettledAsync(SettleTimeout, s => s.MerchantMetrics >= expected.Metrics.Count);
        await OracleAssert.OutputsEqualAsync(run, expected);
    }
}
