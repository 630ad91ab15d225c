using ActorStreams.Domain;

namespace ActorStreams.Churn.Tests;

/// <summary>One synthetic data set trained once, shared by the test classes that read a finished run (<see cref="TrainedModelCollection"/>).</summary>
public sealed class TrainedModelFixture : IDisposable
{
    private readonly SyntheticEvents _data = SyntheticEvents.Create();

    public TrainedModelFixture()
    {
        AsOf = _data.End - TimeSpan.FromDays(30);
        Result = ChurnTrainer.Train(Options("first"));
    }

    internal SyntheticEvents Data => _data;

    public EventTime AsOf { get; }

    public ChurnTrainingResult Result { get; }

    public ChurnTrainingOptions Options(string run) => new()
    {
        InputPath = _data.Path,
        OutputPath = Path.Combine(_data.Directory, run, "churn.zip"),
        AsOf = AsOf,
        Seed = 7,
    };

    public void Dispose() => _data.Dispose();
}
