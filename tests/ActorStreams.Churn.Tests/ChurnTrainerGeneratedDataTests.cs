namespace ActorStreams.Churn.Tests;

/// <summary>
/// The trainer on the generator's <c>customer-events</c> (docs/design.md §6 Churn model): the simulated churn has
/// structure a linear model on the features cannot follow (restocking cycles, segment-specific fades), and boosted trees
/// can. The margins hold with room to spare on seeds 1, 2, 3, 7, 8, 42 and 100 (README, Churn model).
/// </summary>
[Trait("Category", "Unit")]
public sealed class ChurnTrainerGeneratedDataTests(GeneratedModelFixture fixture) : IClassFixture<GeneratedModelFixture>
{
    /// <summary>How much FastTree's test ROC-AUC must exceed the logistic regression's (at least 0.024 on the seeds above).</summary>
    private const double TreeRocMargin = 0.01;

    /// <summary>How much FastTree's test PR-AUC must exceed the logistic regression's (at least 0.038 on the seeds above).</summary>
    private const double TreePrMargin = 0.02;

    /// <summary>How much each model's test ROC-AUC must exceed chance, 0.5.</summary>
    private const double RocOverChance = 0.25;

    /// <summary>How much each model's test PR-AUC must exceed chance, the test set's churn rate.</summary>
    private const double PrOverChance = 0.2;

    [Fact]
    public void Train_GeneratedCustomerEvents_TreeBeatsLogisticRegressionAndBothBeatChanceByTheirMargins()
    {
        var report = fixture.Result.Report;
        var regression = report.Models.Single(m => m.Model == "logistic_regression");
        var tree = report.Models.Single(m => m.Model == "fast_tree");
        var baseRate = report.Test.Positives / (double)report.Test.Customers;

        Assert.True(report.Test.Customers > 500, $"only {report.Test.Customers} test customers");
        Assert.True(tree.RocAuc >= regression.RocAuc + TreeRocMargin, $"ROC-AUC: fast_tree {tree.RocAuc:0.0000}, logistic_regression {regression.RocAuc:0.0000}");
        Assert.True(tree.PrAuc >= regression.PrAuc + TreePrMargin, $"PR-AUC: fast_tree {tree.PrAuc:0.0000}, logistic_regression {regression.PrAuc:0.0000}");
        foreach (var model in new[] { regression, tree })
        {
            Assert.True(model.RocAuc >= 0.5 + RocOverChance, $"{model.Model} ROC-AUC {model.RocAuc:0.0000}");
            Assert.True(model.PrAuc >= baseRate + PrOverChance, $"{model.Model} PR-AUC {model.PrAuc:0.0000} against a base rate of {baseRate:0.0000}");
        }
    }
}
