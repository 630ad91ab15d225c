using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Tests.Reference;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Churn;

[Trait("Category", "Unit")]
public sealed class ChurnStateTests
{
    private readonly List<ChurnAlert> _alerts = [];
    private readonly ChurnState _state = new(ChurnSettings.Default);

    private ChurnEvaluation Apply(long id, double p) => _state.Apply(Activity(id, p), At(id), At(1_000), _alerts);

    [Fact]
    public void Apply_FirstActivity_ScoreIsPropensityAndPreviousIsZero()
    {
        var evaluation = Apply(1, 0.5);
        Assert.Equal(0.5, evaluation.Score);
        Assert.Equal(0.0, evaluation.PreviousScore);
        Assert.False(evaluation.Fired);
    }

    [Fact]
    public void Apply_FirstActivityAboveThreshold_Fires()
    {
        var evaluation = Apply(1, 0.8);
        Assert.True(evaluation.Fired);
        var alert = Assert.Single(_alerts);
        Assert.Equal("1:CHURN_RISK", alert.AlertId);
        Assert.Equal(0.8, alert.Score);
        Assert.Equal(0.0, alert.PreviousScore);
        Assert.Equal(0.7, alert.Threshold);
        Assert.Equal(At(1), alert.EventTime);
        Assert.Equal(At(1_000), alert.DetectedAt);
        Assert.Equal("login", alert.ActivityType);
    }

    [Fact]
    public void Apply_FirstActivityExactlyThreshold_DoesNotFire()
    {
        Assert.False(Apply(1, 0.7).Fired);
    }

    [Fact]
    public void Apply_UsesTheFormulaLiterally()
    {
        Apply(1, 0.2);
        var evaluation = Apply(2, 0.9);
        Assert.Equal((0.3 * 0.9) + ((1 - 0.3) * 0.2), evaluation.Score);
        Assert.Equal(0.2, evaluation.PreviousScore);
    }

    [Fact]
    public void Apply_StayingAbove_DoesNotFireAgain_DroppingBelowThenCrossing_Fires()
    {
        Assert.True(Apply(1, 0.9).Fired);
        Assert.False(Apply(2, 0.9).Fired);
        Assert.False(Apply(3, 1.0).Fired);
        for (var id = 4; id < 10; id++)
        {
            Assert.False(Apply(id, 0.0).Fired);
        }

        Assert.True(_state.Score <= 0.7);
        var crossed = false;
        for (var id = 10; id < 30 && !crossed; id++)
        {
            crossed = Apply(id, 1.0).Fired;
        }

        Assert.True(crossed);
        Assert.Equal(["1:CHURN_RISK"], _alerts.Take(1).Select(a => a.AlertId));
        Assert.Equal(2, _alerts.Count);
    }

    [Fact]
    public void Apply_RandomizedActivities_MatchesNaiveReference()
    {
        var activities = RandomStreams.Activities(11, 3000, 25, 10);
        var states = new Dictionary<long, ChurnState>();
        var scores = new Dictionary<long, List<double>>();
        foreach (var activity in activities)
        {
            var customer = activity.CustomerId.Value;
            if (!states.TryGetValue(customer, out var state))
            {
                states[customer] = state = new ChurnState(ChurnSettings.Default);
                scores[customer] = [];
            }

            scores[customer].Add(state.Apply(activity, T0, T0, _alerts).Score);
        }

        var expectedAlerts = new List<string>();
        foreach (var group in activities.GroupBy(a => a.CustomerId.Value))
        {
            var (expectedScores, alerts) = NaiveChurn.Run(group.ToList());
            Assert.Equal(expectedScores, scores[group.Key]);
            expectedAlerts.AddRange(alerts);
        }

        Assert.Equal(expectedAlerts.Order(StringComparer.Ordinal), _alerts.Select(a => a.AlertId).Order(StringComparer.Ordinal));
        Assert.True(expectedAlerts.Count >= 20);
    }
}
