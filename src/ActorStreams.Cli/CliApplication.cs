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
    /// <summary>The commands of <c>actorstreams</c>, in the order its help lists them.</summary>
    public static IReadOnlyList<Func<CliContext, Command>> Commands { get; } =
    [
        DemoCommand.Create,
        BrokerCommand.Create,
        TopicsCommand.Create,
        NodeCommand.Create,
        CmdCommand.Create,
        GenerateCommand.Create,
        WarehouseCommand.Create,
        ReportCommand.Create,
        TrainCommand.Create,
        JobsCommand.Create,
        ConfigCommand.Create,
    ];

    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, Commands, cancellationToken);

    /// <summary>
    /// Runs <paramref name="args"/> against a command tree made of <paramref name="commands"/> (the benchmark program
    /// adds <c>bench</c> this way), with the same parsing, error messages and exit codes as <c>actorstreams</c>.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, IReadOnlyList<Func<CliContext, Command>> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var context = new CliContext(output, error, CliContext.DetectHome());
        var root = BuildRootCommand(context, commands);
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
    public static RootCommand BuildRootCommand(CliContext context, IReadOnlyList<Func<CliContext, Command>>? commands = null)
    {
        var root = new RootCommand(
            "ActorStreams: actor-model stream processing for real-time customer analytics.\n" +
            "Kafka topics feed sharded customer and merchant actors that emit fraud alerts, churn alerts,\n" +
            "enriched records and merchant metrics. Benchmarks: ./actorstreams bench <suite> (tests/ActorStreams.Benchmarks).");
        foreach (var create in commands ?? Commands)
        {
            root.Subcommands.Add(create(context));
        }

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
