using System.Diagnostics;

namespace ActorStreams.Generator;

/// <summary>Measures generation throughput (the issue asks for at least 200,000 transactions/s to a file on one core).</summary>
public static class GeneratorBenchmark
{
    /// <summary>
    /// Generates <paramref name="count"/> transactions as JSON lines into <paramref name="path"/> (default: a
    /// temporary file, deleted afterwards) on the calling thread, after a short warm-up, and returns transactions per second.
    /// </summary>
    public static double TransactionsPerSecond(long count = 1_000_000, string? path = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var settings = GeneratorSettings.Default with { Start = DateTimeOffset.UnixEpoch.AddYears(56) };
        var target = path ?? Path.Combine(Path.GetTempPath(), $"actorstreams-generator-bench-{Environment.ProcessId}.jsonl");
        try
        {
            // Warm-up: lets tiered compilation reach its optimized code before the measured run.
            Run(settings, Math.Min(count, 300_000), target);
            var started = Stopwatch.GetTimestamp();
            Run(settings, count, target);
            return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            if (path is null)
            {
                File.Delete(target);
            }
        }
    }

    private static void Run(GeneratorSettings settings, long count, string path)
    {
        var records = DataGenerator.Open(GeneratorDatasets.Transactions, settings, TimeProvider.System, count);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        while (records.MoveNext())
        {
            file.Write(records.Value);
            file.WriteByte((byte)'\n');
        }
    }
}
