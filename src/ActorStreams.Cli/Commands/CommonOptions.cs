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

    /// <summary><c>--lake URI</c>: the lake sink's location.</summary>
    public static Option<string?> Lake() => new("--lake")
    {
        Description = "Archive raw events and results as Parquet in this lake: a directory or s3://bucket/prefix (default: actorstreams.lake.uri; off when empty). See docs/lake.md.",
        HelpName = "dir|s3://bucket/prefix",
    };

    /// <summary>Adds a <c>--lake</c> value as the override of <c>actorstreams.lake.uri</c>, checking its form.</summary>
    public static void AddLake(List<KeyValuePair<string, string>> overrides, string? uri)
    {
        if (uri is null)
        {
            return;
        }

        try
        {
            _ = ActorStreams.Lake.LakeLocation.Parse(uri, Environment.CurrentDirectory);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or Hocon.ConfigException)
        {
            throw new UsageException($"--lake must be a directory or s3://bucket/prefix: {ex.Message}");
        }

        overrides.Add(new("actorstreams.lake.uri", uri));
    }

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
