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

    public static Option<string?> Bootstrap() => new("--bootstrap")
    {
        Description = "Kafka bootstrap servers (default: actorstreams.kafka.bootstrap).",
        HelpName = "host:port,...",
    };

    /// <summary>Adds a <c>--bootstrap</c> value as the override of <c>actorstreams.kafka.bootstrap</c>, checking its form.</summary>
    public static void AddBootstrap(List<KeyValuePair<string, string>> overrides, string? bootstrap)
    {
        if (bootstrap is null)
        {
            return;
        }

        var servers = bootstrap.Split(',', StringSplitOptions.TrimEntries);
        if (servers.Length == 0 || servers.Any(s => s.LastIndexOf(':') is var colon && (colon <= 0 || !int.TryParse(s[(colon + 1)..], out var port) || port is < 1 or > 65535)))
        {
            throw new UsageException($"--bootstrap must be a comma-separated host:port list, got \"{bootstrap}\"");
        }

        overrides.Add(new("actorstreams.kafka.bootstrap", bootstrap));
    }

    public static Option<string?> Elasticsearch() => new("--elasticsearch")
    {
        Description = "Also index the outputs into this Elasticsearch cluster, e.g. http://127.0.0.1:9200 (default: actorstreams.elasticsearch.url; off when empty).",
        HelpName = "url",
    };

    /// <summary>Adds an <c>--elasticsearch</c> value as the override of <c>actorstreams.elasticsearch.url</c>, checking its form.</summary>
    public static void AddElasticsearch(List<KeyValuePair<string, string>> overrides, string? url)
    {
        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw new UsageException($"--elasticsearch must be an http:// or https:// URL such as http://127.0.0.1:9200, got \"{url}\"");
        }

        overrides.Add(new("actorstreams.elasticsearch.url", url));
    }

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
