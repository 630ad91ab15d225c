namespace ActorStreams.Generator.Tests.Support;

/// <summary>Generator settings for tests: a fixed start, so output depends on the seed and settings only.</summary>
internal static class TestSettings
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    public static GeneratorSettings With(long seed = 7) => GeneratorSettings.Default with { Seed = seed, Start = Start };

    public static List<GeneratedRecord> Generate(string dataset, GeneratorSettings settings, long? count = null) =>
        GeneratedRecord.Drain(DataGenerator.Open(dataset, settings, TimeProvider.System, count));
}
