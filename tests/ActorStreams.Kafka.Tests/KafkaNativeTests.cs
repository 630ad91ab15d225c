namespace ActorStreams.Kafka.Tests;

public sealed class KafkaNativeTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public void EnsureLoaded_BundledLibrary_Version2_16FromTheProgramsRuntimesFolder()
    {
        KafkaNative.EnsureLoaded();

        Assert.StartsWith("2.16.", KafkaNative.Version, StringComparison.Ordinal);
        Assert.StartsWith(KafkaNative.BundledDirectory, KafkaNative.LibraryPath, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(KafkaNative.LibraryPath), KafkaNative.BundledFileNames);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void LoadBundled_FolderWithoutTheLibrary_SaysWhereItLookedAndHowToGetIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "actorstreams-no-librdkafka");

        var error = Assert.Throws<KafkaLayerException>(() => KafkaNative.LoadBundled(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("librdkafka.so: not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("librdkafka.redist", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ActorStreamsException>(error);
    }
}
