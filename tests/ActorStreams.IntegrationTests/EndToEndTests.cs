using ActorStreams.IntegrationTests.Oracle;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 5's end-to-end test: one node on the dev broker with generated data, every output compared with the
/// independent oracle (<see cref="NaiveOracle"/>) computed from the input topics as a plain consumer reads them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Node_PreloadedGeneratedInputWithBoundaryCasesAndBadRecords_EveryOutputEqualsTheOracle()
    {
        var plan = Scenarios.Preloaded();
        // Once the input is consumed every source turns idle and the last open windows are emitted.
        await using var run = NodeRun.StartBroker(output, OracleAssert.Overrides(partitions: 4, idleTimeout: "3s"));
        await run.ProduceAsync(plan.Phases[0]);
        await run.StartNodeAsync();
        Assert.True(await run.WaitUntilSettledAsync(SettleTimeout), "the node did not consume the preload");

        // Details that arrive after their customers' activities were processed, an update and a tombstone.
        await run.ProduceAsync(plan.Phases[1]);
        var expected = run.ComputeExpectations();
        await run.WaitUntilSettledAsync(SettleTimeout, s => s.MerchantMetrics >= expected.Metrics.Count);

        await OracleAssert.OutputsEqualAsync(run, expected);
    }

    [Fact]
    public async Task Node_EntitiesPassivatedBetweenPhasesAndRestoredFromTheStore_EveryOutputEqualsTheOracle()
    {
        const int partitions = 6;
        var plan = Scenarios.Phased(partitions);

        // No idleness here (the node idles between phases, and sources resuming from idle one after the other may
        // legitimately find windows closed, docs/design.md §6): the last phase pushes every watermark past every window.
        await using var run = NodeRun.StartBroker(output, OracleAssert.Overrides(partitions, idleTimeout: "1h",
            ("actorstreams.cluster.passivation.idle-timeout", "50ms"),
            ("actorstreams.cluster.passivation.max-active-entities", "50"),
            ("actorstreams.cluster.checkpoint-interval", "100ms")));
        await run.ProduceAsync(plan.Phases[0]);
        await run.StartNodeAsync();
        for (var phase = 0; phase < plan.Phases.Count - 1; phase++)
        {
            if (phase > 0)
            {
                await run.ProduceAsync(plan.Phases[phase]);
            }

            // Every customer passivated before the next phase, which restores them from the store (merchants with
            // open windows stay in memory).
            Assert.True(
                await run.WaitUntilSettledAsync(SettleTimeout, s => s.ActiveEntities <= Scenarios.PhasedMerchants),
                $"phase {phase + 1}: the node did not consume its input and passivate its customers");
        }

        var restored = run.Node!.ShardMetrics.EntitiesRestored;
        run.Log($"{restored} entities restored from the store, {run.Node.ShardMetrics.EntitiesPassivated} passivated");
        Assert.True(restored >= 200, $"expected the customers of phases 2 and 3 to be restored from the store, got {restored} restores");

        await run.ProduceAsync(plan.Phases[^1]);
        var all = run.ComputeExpectations();
        var expected = all with
        {
            Metrics = all.Metrics.Where(m => m.Value.MerchantId != Scenarios.PusherMerchant).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
        };
        await run.WaitUntilSettledAsync(SettleTimeout, s => s.MerchantMetrics >= expected.Metrics.Count);

        await OracleAssert.OutputsEqualAsync(run, expected);
    }

}
