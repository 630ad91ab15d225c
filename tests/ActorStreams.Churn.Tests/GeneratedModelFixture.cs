using ActorStreams.Generator;

namespace ActorStreams.Churn.Tests;

/// <summary>
/// The generator's default <c>customer-events</c> run (1,000 customers over 180 days, seed 42), written as JSON lines
/// and trained once with the trainer's defaults: the data the README's training figures are measured on.
/// </summary>
public sealed class GeneratedModelFixture : IDisposable
{
    public const int Seed = 42;

    public GeneratedModelFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "churn-generated-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        EventsPath = Path.Combine(Directory, "customer-events.jsonl");
        var settings = new GeneratorSettings { Seed = Seed };
        using (var file = new FileStream(EventsPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            // A backfill: the generator never reads the clock, so nothing waits here.
            GeneratorOutput.WriteJsonLinesAsync(DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System), file, TimeProvider.System)
                .GetAwaiter().GetResult();
        }

        Result = ChurnTrainer.Train(Options("first"));
    }

    /// <summary>The folder of the events and the outputs; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The generated JSON-lines file.</summary>
    public string EventsPath { get; }

    public ChurnTrainingResult Result { get; }

    public ChurnTrainingOptions Options(string run) => new()
    {
        InputPath = EventsPath,
        OutputPath = Path.Combine(Directory, run, "churn.zip"),
        Seed = Seed,
    };

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder is harmless.
        }
    }
}
