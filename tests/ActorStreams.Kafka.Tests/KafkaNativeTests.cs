namespace ActorStreams.Kafka.Tests;

public sealed class KafkaNativeTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public void EnsureLoaded_DebianLibrdkafka_LoadsVersion2()
    {
        KafkaNative.EnsureLoaded();

        Assert.StartsWith("2.", KafkaNative.Version, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Open_MissingLibrary_NamesTheAptPackages()
    {
        var error = Assert.Throws<KafkaLayerException>(() => KafkaNative.Open("librdkafka-missing.so.9"));

        Assert.Contains("librdkafka-missing.so.9", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install librdkafka1 librdkafka-dev", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ActorStreamsException>(error);
    }
}
