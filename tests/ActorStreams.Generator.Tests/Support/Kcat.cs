using System.Diagnostics;

namespace ActorStreams.Generator.Tests.Support;

/// <summary>Runs Debian's kcat: an independent Kafka client to read back what the generator produced.</summary>
internal static class Kcat
{
    /// <summary>Every record of <paramref name="topic"/> as (partition, key, value).</summary>
    public static async Task<List<(int Partition, string Key, string Value)>> ConsumeAllAsync(string bootstrap, string topic)
    {
        var text = await RunAsync(["-C", "-b", bootstrap, "-t", topic, "-e", "-o", "beginning", "-q", "-f", "%p\\t%k\\t%s\\n"]);
        return
        [
            .. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t'))
                .Select(parts => (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2])),
        ];
    }

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("kcat")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {string.Join(' ', arguments)} did not finish; stderr: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"kcat {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
