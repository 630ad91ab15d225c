namespace ActorStreams.Cli.Commands;

/// <summary>Writes each progress line of a long command (train, report behaviour) to standard error as it comes.</summary>
internal sealed class LineProgress(TextWriter error) : IProgress<string>
{
    public void Report(string value) => error.WriteLine(value);
}
