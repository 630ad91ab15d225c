using ActorStreams.Domain.Events;

namespace ActorStreams.Domain.Tests.Reference;

/// <summary>docs/design.md §6 churn scoring straight from the text, over one customer's activities in arrival order.</summary>
internal static class NaiveChurn
{
    /// <summary>The score after each activity and the ids of the activities that fired CHURN_RISK.</summary>
    public static (List<double> Scores, List<string> Alerts) Run(IReadOnlyList<CustomerActivity> activities)
    {
        const double alpha = 0.3;
        const double threshold = 0.7;
        var scores = new List<double>();
        var alerts = new List<string>();
        for (var n = 0; n < activities.Count; n++)
        {
            var p = activities[n].PropensityToChurn;
            var previous = n == 0 ? 0.0 : scores[n - 1];
            var score = n == 0 ? p : alpha * p + (1 - alpha) * previous;
            scores.Add(score);
            if (previous <= threshold && threshold < score)
            {
                alerts.Add($"{activities[n].ActivityId.Value}:CHURN_RISK");
            }
        }

        return (scores, alerts);
    }
}
