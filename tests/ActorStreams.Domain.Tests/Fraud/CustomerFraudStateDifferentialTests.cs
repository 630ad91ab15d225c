using System.Buffers;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Tests.Reference;

namespace ActorStreams.Domain.Tests.Fraud;

/// <summary>The production state machine against the naive reference on randomized, boundary-heavy input.</summary>
[Trait("Category", "Unit")]
public sealed class CustomerFraudStateDifferentialTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Apply_RandomizedStreams_MatchesNaiveReference(int seed, bool snapshotAndRestoreOften)
    {
        var transactions = RandomStreams.Transactions(seed, 6000, 60);
        var random = new Random(seed * 7919);

        var states = new Dictionary<long, CustomerFraudState>();
        var produced = new Dictionary<long, List<string>>();
        var alerts = new List<FraudAlert>();
        foreach (var tx in transactions)
        {
            var customer = tx.CustomerId.Value;
            if (!states.TryGetValue(customer, out var state))
            {
                state = new CustomerFraudState(FraudRuleSettings.Default);
            }
            else if (snapshotAndRestoreOften && random.NextDouble() < 0.2)
            {
                var buffer = new ArrayBufferWriter<byte>();
                state.Write(buffer);
                state = CustomerFraudState.Read(buffer.WrittenSpan, FraudRuleSettings.Default);
            }

            states[customer] = state;
            alerts.Clear();
            var evaluation = state.Apply(tx, TestData.T0, alerts);
            Assert.Equal(alerts.Count > 0, evaluation.AnyFired);
            if (!produced.TryGetValue(customer, out var list))
            {
                produced[customer] = list = [];
            }

            list.AddRange(alerts.Select(a => a.AlertId));
        }

        var totalByRule = new Dictionary<string, int>();
        var totalLate = 0;
        foreach (var group in transactions.GroupBy(t => t.CustomerId.Value))
        {
            var (expected, late) = NaiveFraud.Run(group.ToList());
            Assert.Equal(expected, produced.GetValueOrDefault(group.Key, []));
            Assert.Equal(late, states[group.Key].LateEvents);
            totalLate += late;
            foreach (var id in expected)
            {
                var rule = id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..];
                totalByRule[rule] = totalByRule.GetValueOrDefault(rule) + 1;
            }
        }

        // The input must exercise every rule and lateness, or the comparison proves little.
        foreach (var rule in new[] { FraudRules.HighAmount, FraudRules.RapidFire, FraudRules.Velocity, FraudRules.ImpossibleTravel, FraudRules.NewDevice })
        {
            Assert.True(totalByRule.GetValueOrDefault(rule) >= 20, $"{rule} fired only {totalByRule.GetValueOrDefault(rule)} times");
        }

        Assert.True(totalLate >= 100, $"only {totalLate} late events");
    }
}
