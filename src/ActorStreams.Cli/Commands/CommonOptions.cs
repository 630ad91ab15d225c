using System.CommandLine;

namespace ActorStreams.Cli.Commands;

/// <summary>Options shared by several commands, defined once so their names and help agree.</summary>
internal static class CommonOptions
{
    public static Option<string?> ConfigFile() => new("--config")
    {
        Description = "A HOCON file overriding hocon/application.conf.",
        HelpName = "file",
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override one configuration key, e.g. --set actorstreams.rules.high-amount.threshold=5000 (repeatable).",
        HelpName = "key=value",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Turns <c>key=value</c> pairs into configuration overrides; a malformed pair is a usage error.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseSettings(string[]? pairs)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--set expects key=value, got \"{pair}\"");
            }

            result.Add(new(pair[..equals].Trim(), pair[(equals + 1)..]));
        }

        return result;
    }
}
