namespace ActorStreams.Churn.Tests;

/// <summary>The test classes that share one <see cref="TrainedModelFixture"/>, so the synthetic run is trained once.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedModelCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "trained churn model";
}
