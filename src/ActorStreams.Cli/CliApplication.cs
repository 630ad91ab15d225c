using System.CommandLine;
using System.CommandLine.Parsing;
using ActorStreams.Cli.Commands;
using ActorStreams.Hocon;

namespace ActorStreams.Cli;

/// <summary>
/// The <c>actorstreams</c> command: parses the command line, runs the chosen command and maps
/// failures to exit codes (2 for bad usage or configuration, 1 for runtime failures).
/// </summary>
public static class CliApplication
{
    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, CliContext.DetectHome());
        var root = BuildRootCommand(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            };
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"configuration error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failure;
        }
        catch (ActorStreamsException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Builds the command tree; exposed for help and documentation tests.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "ActorStreams: actor-model stream processing for real-time customer analytics.\n" +
            "Kafka topics feed sharded customer and merchant actors that emit fraud alerts, churn alerts,\n" +
            "enriched records and merchant metrics.");
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(BrokerCommand.Create(context));
        root.Subcommands.Add(NodeCommand.Create(context));
        root.Subcommands.Add(CmdCommand.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        return root;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Insert(0, command.Command is RootCommand ? "actorstreams" : command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
