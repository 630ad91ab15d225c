using System.CommandLine;
using ActorStreams.Cli.Commands;
using ActorStreams.Cli.Inspection;
using ActorStreams.Hocon;

namespace ActorStreams.Cli.Tests.Inspection;

/// <summary>
/// Runs <c>actorstreams cmd ...</c> with its network replaced, mapping failures to exit codes as
/// <see cref="CliApplication.RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/> does (parse errors and usage 2, other ActorStreams failures 1).
/// </summary>
internal static class InspectionHarness
{
    public static InspectionServices Services(FakeAdminApi api) => new()
    {
        Connect = (_, _) => api,
        Time = new FixedTime(CannedJson.Now),
    };

    public static async Task<CliResult> RunAsync(InspectionServices services, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, CliRunner.RepositoryRoot());
        var root = new RootCommand { CmdCommand.Create(context, services) };
        // The fake answers whatever address is asked; --node is added unless a test is about the node asked (--node, --config).
        var parsed = root.Parse(args.Contains("--node") || args.Contains("--config") ? ["cmd", .. args] : ["cmd", "--node", "127.0.0.1:9110", .. args]);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine(string.Join('\n', parsed.Errors.Select(e => "error: " + e.Message)));
            return new CliResult(ExitCodes.Usage, output.ToString(), error.ToString());
        }

        int code;
        try
        {
            code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine("error: " + e.Message);
            code = ExitCodes.Usage;
        }
        catch (ConfigException e)
        {
            error.WriteLine("configuration error: " + e.Message);
            code = ExitCodes.Usage;
        }
        catch (ActorStreamsException e)
        {
            error.WriteLine("error: " + e.Message);
            code = ExitCodes.Failure;
        }

        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The output's lines without the trailing padding tables leave.</summary>
    public static string[] Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())];
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
