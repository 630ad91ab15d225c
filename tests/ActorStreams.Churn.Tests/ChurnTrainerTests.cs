using System.Text.Json;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Tests;

[Trait("Category", "Unit")]
[Collection(TrainedModelCollection.Name)]
public sealed class ChurnTrainerTests(TrainedModelFixture fixture)
{
    [Fact]
    public void Train_DecayingActivityBeforeChurn_BothModelsBeatChance()
    {
        var report = fixture.Result.Report;

        Assert.Equal(["logistic_regression", "fast_tree"], report.Models.Select(m => m.Model));
        Assert.All(report.Models, m => Assert.True(m.RocAuc > 0.6, $"{m.Model} ROC-AUC {m.RocAuc}"));
        Assert.All(report.Models, m => Assert.True(m.PrAuc > report.Test.Positives / (double)report.Test.Customers, $"{m.Model} PR-AUC {m.PrAuc} at or below the base rate"));
        Assert.Contains(report.Chosen, report.Models.Select(m => m.Model));
        Assert.Equal(report.Models.MaxBy(m => m.ValidationPrAuc)!.Model, report.Chosen);
        Assert.InRange(report.Threshold, 0f, 1f);
        Assert.True(report.Train.Customers > 100 && report.Test.Customers > 100, $"train {report.Train.Customers}, test {report.Test.Customers}");
        Assert.Equal(fixture.AsOf, report.AsOf);
    }

    [Fact]
    public void Train_Outputs_MetricsJsonHasEveryFieldAndTheVersionOfTheZip()
    {
        var result = fixture.Result;
        using var json = JsonDocument.Parse(File.ReadAllBytes(result.MetricsPath));
        var root = json.RootElement;

        foreach (var field in new[] { "model_version", "chosen", "threshold", "as_of", "horizon_days", "features", "train", "test", "models", "rule", "data" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }

        var version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(result.ModelPath)))[..12];
        Assert.Equal(version, root.GetProperty("model_version").GetString());
        Assert.Equal(BehaviourFeatures.FeatureNames, root.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(30, root.GetProperty("horizon_days").GetInt32());
        Assert.Equal(fixture.AsOf.ToIsoString(), root.GetProperty("as_of").GetString());
        foreach (var part in new[] { "train", "test" })
        {
            Assert.True(root.GetProperty(part).GetProperty("customers").GetInt32() > 0);
            Assert.True(root.GetProperty(part).GetProperty("positives").GetInt32() > 0);
        }

        var scorers = root.GetProperty("models").EnumerateArray().Append(root.GetProperty("rule")).ToList();
        Assert.Equal(3, scorers.Count);
        foreach (var scorer in scorers)
        {
            foreach (var field in new[] { "model", "roc_auc", "pr_auc", "precision", "recall", "f1", "threshold", "lift_top_decile" })
            {
                Assert.True(scorer.TryGetProperty(field, out _), field);
            }

            Assert.Equal(["tp", "fp", "tn", "fn"], scorer.GetProperty("confusion").EnumerateObject().Select(p => p.Name));
            var confusion = scorer.GetProperty("confusion").EnumerateObject().Sum(p => p.Value.GetInt32());
            Assert.Equal(root.GetProperty("test").GetProperty("customers").GetInt32(), confusion);
        }

        Assert.All(root.GetProperty("models").EnumerateArray(), m =>
            Assert.Equal(BehaviourFeatures.FeatureNames, m.GetProperty("feature_importance").EnumerateObject().Select(p => p.Name)));
        Assert.Equal(0.7, root.GetProperty("rule").GetProperty("threshold").GetDouble(), 6);
        Assert.Contains("proxy", root.GetProperty("rule").GetProperty("description").GetString(), StringComparison.Ordinal);
        var data = root.GetProperty("data");
        Assert.Equal(result.Report.Data.Events, data.GetProperty("events").GetInt64());
        Assert.Equal(0, data.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, data.GetProperty("bad_lines").GetInt64());
        Assert.Equal(301, data.GetProperty("customers").GetInt64());

        var markdown = File.ReadAllText(result.ReportPath);
        Assert.Contains($"# Churn model {result.Report.ModelVersion}", markdown, StringComparison.Ordinal);
        Assert.Contains("| rule_ewma_session_proxy |", markdown, StringComparison.Ordinal);
        Assert.Contains("| no_purchase_session_ewma |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_SameDataAndSeed_WritesTheSameBytes()
    {
        var again = ChurnTrainer.Train(fixture.Options("second"));

        Assert.Equal(File.ReadAllBytes(fixture.Result.MetricsPath), File.ReadAllBytes(again.MetricsPath));
        Assert.Equal(File.ReadAllBytes(fixture.Result.ModelPath), File.ReadAllBytes(again.ModelPath));
        Assert.Equal(File.ReadAllText(fixture.Result.ReportPath), File.ReadAllText(again.ReportPath));
    }

    [Fact]
    public void LoadedScorer_TestCustomers_ScoresExactlyAsTheEvaluationDid()
    {
        var model = ChurnModel.Load(fixture.Result.ModelPath, BehaviourSettings.Default);
        using var scorer = model.CreateScorer();

        Assert.Equal(fixture.Result.Report.ModelVersion, scorer.Version);
        Assert.Equal(fixture.Result.Report.Chosen, scorer.ModelName);
        Assert.Equal(fixture.Result.Report.Threshold, scorer.Threshold);
        Assert.Equal(fixture.AsOf, model.AsOf);
        Assert.Equal(30, model.HorizonDays);
        Assert.NotEmpty(fixture.Result.TestScores);
        foreach (var example in fixture.Result.TestScores)
        {
            Assert.Equal(example.Score, scorer.Score(example.Features));
        }

        var flagged = fixture.Result.TestScores.Count(e => scorer.Score(e.Features) >= scorer.Threshold);
        var chosen = fixture.Result.Report.Models.Single(m => m.Model == fixture.Result.Report.Chosen);
        Assert.Equal(chosen.Confusion.TruePositives + chosen.Confusion.FalsePositives, flagged);
    }

    [Fact]
    public void Train_DataEndsBeforeAsOfPlusHorizon_FailsNamingBothInstants()
    {
        var options = fixture.Options("late") with { AsOf = fixture.AsOf + TimeSpan.FromDays(1) };

        var error = Assert.Throws<ChurnException>(() => ChurnTrainer.Train(options));

        Assert.Contains("must reach as-of + horizon = 2026-08-30T00:00:00.000Z", error.Message, StringComparison.Ordinal);
        Assert.Contains("its newest event is 2026-08-29T00:00:00.000Z", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.OutputPath));
    }

    [Fact]
    public void Train_AsOfBeforeAnyPurchase_FailsNamingTheEmptySnapshot()
    {
        var options = fixture.Options("early") with { AsOf = SyntheticEvents.Start + TimeSpan.FromDays(20) };

        var error = Assert.Throws<ChurnException>(() => ChurnTrainer.Train(options));

        Assert.Contains("of the train snapshot at 2025-12-22T00:00:00.000Z has 0 customers", error.Message, StringComparison.Ordinal);
    }
}
