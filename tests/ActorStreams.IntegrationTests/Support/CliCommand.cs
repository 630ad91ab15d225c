using System.Diagnostics;
using System.Text;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// Runs the built CLI (<see cref="NodeProcess.CliPath"/>) as a user would: to completion with its exit code and output,
/// or in the background (<c>cmd cluster tail</c>) collecting what it prints until it is stopped.
/// </summary>
public sealed class CliCommand : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliCommand(Process process) => _process = process;

    /// <summary>What it printed so far (stdout and stderr interleaved as read).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs <c>actorstreams <paramref name="arguments"/></c> to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        await using var command = Start(arguments);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await command._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"actorstreams {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s; it printed:\n{command.Output}");
        }

        return (command._process.ExitCode, command.Output);
    }

    /// <summary>Starts <c>actorstreams <paramref name="arguments"/></c> in the background.</summary>
    public static CliCommand Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(NodeProcess.CliPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info };
        var command = new CliCommand(process);
        process.OutputDataReceived += (_, e) => command.Append(e.Data);
        process.ErrorDataReceived += (_, e) => command.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Kills it if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }
}
