using System.Text;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Tests;

[Trait("Category", "Unit")]
[Collection(TrainedModelCollection.Name)]
public sealed class ChurnModelTests(TrainedModelFixture fixture) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "churn-model-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Load_MetricsOfAnotherZip_FailsSayingTheyDoNotBelongTogether()
    {
        var zip = Copy();
        File.AppendAllText(zip, " ");

        var error = Assert.Throws<ChurnException>(() => ChurnModel.Load(zip));

        Assert.Contains($"describes model {fixture.Result.Report.ModelVersion}, but {zip} is model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherFeatureNames_FailsNamingThePosition()
    {
        var zip = Copy();
        var metrics = ChurnTrainingOptions.MetricsPath(zip);
        File.WriteAllText(metrics, File.ReadAllText(metrics).Replace("\"night_share\"", "\"dusk_share\"", StringComparison.Ordinal));

        var error = Assert.Throws<ChurnException>(() => ChurnModel.Load(zip));

        Assert.Contains("they differ at position 16 (model: dusk_share, this build: night_share). Retrain the model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherFeatureSettings_FailsNamingTheSetting()
    {
        var error = Assert.Throws<ChurnException>(() => ChurnModel.Load(fixture.Result.ModelPath, BehaviourSettings.Default with { WindowDays = 60, ShortWindowDays = 30 }));

        Assert.Contains("feature setting window_days = 90, but the features are computed with 60", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingMetrics_Fails()
    {
        var zip = Copy();
        File.Delete(ChurnTrainingOptions.MetricsPath(zip));

        var error = Assert.Throws<ChurnException>(() => ChurnModel.Load(zip));

        Assert.StartsWith("cannot read the churn model:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_VectorOfTheWrongLength_Throws()
    {
        using var scorer = ChurnModel.Load(fixture.Result.ModelPath).CreateScorer();

        var error = Assert.Throws<ArgumentException>(() => scorer.Score(new float[3]));

        Assert.StartsWith("the model scores vectors of 18 features, got 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_StateOfAnActiveBuyerAndOfALapsedOne_RanksTheLapsedHigher()
    {
        var model = ChurnModel.Load(fixture.Result.ModelPath);
        using var scorer = model.CreateScorer();
        var parser = new CustomerEventParser();
        var active = new BehaviourState(BehaviourSettings.Default);
        var lapsed = new BehaviourState(BehaviourSettings.Default);
        for (var day = 0; day < 120; day += 3)
        {
            var time = model.AsOf - TimeSpan.FromDays(120 - day);
            active.Apply(Parse(parser, SyntheticEvents.Line($"a{day}", 1, time, "purchase", "books", "mobile", 20m, 1)));
            if (day < 40)
            {
                lapsed.Apply(Parse(parser, SyntheticEvents.Line($"l{day}", 2, time, "purchase", "books", "mobile", 20m, 1)));
            }
        }

        var vector = new float[BehaviourFeatures.VectorLength];
        active.WriteVector(model.AsOf, vector);
        var activeScore = scorer.Score(vector);
        lapsed.WriteVector(model.AsOf, vector);
        var lapsedScore = scorer.Score(vector);

        Assert.InRange(activeScore, 0f, 1f);
        Assert.True(lapsedScore > activeScore, $"lapsed {lapsedScore} <= active {activeScore}");
    }

    private static CustomerEvent Parse(CustomerEventParser parser, string line)
    {
        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(line), out var value, out var error, out _), error);
        return value;
    }

    private string Copy()
    {
        Directory.CreateDirectory(_directory);
        var zip = Path.Combine(_directory, "churn.zip");
        File.Copy(fixture.Result.ModelPath, zip);
        File.Copy(fixture.Result.MetricsPath, ChurnTrainingOptions.MetricsPath(zip));
        return zip;
    }
}
