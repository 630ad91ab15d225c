namespace ActorStreams.Hocon.Internal;

/// <summary>
/// Finds and parses what an include statement names. Relative files are relative to the including
/// file's directory (never the working directory, unless a string with no base directory includes them);
/// relative resources are relative to the including resource. The included object is parsed with the
/// include point as base path, which fixes up its substitutions.
/// </summary>
internal static class Includer
{
    private const int MaxDepth = 50;

    public static ObjectNode? Include(IncludeKind kind, string name, bool required, ConfigOrigin at, ParseSource source, HoconPath basePath)
    {
        if (kind == IncludeKind.Url || (kind == IncludeKind.Heuristic && LooksLikeUrl(name)))
        {
            throw new ConfigParseException(at, $"include url(\"{name}\") is not supported: ActorStreams includes files and embedded resources only (copy the file next to this one and include \"file-name.conf\")");
        }

        var attempts = new List<string>();
        var result = kind switch
        {
            IncludeKind.File => IncludeFile(name, at, source, basePath, attempts),
            IncludeKind.Classpath => IncludeResource(name.TrimStart('/'), at, source, basePath, attempts),
            _ when source.ResourceName is not null => IncludeResource(RelativeResourceName(source.ResourceName, name), at, source, basePath, attempts),
            _ => IncludeFile(name, at, source, basePath, attempts)
                ?? (source.Options.IncludeResolver is null ? null : IncludeResource(name.TrimStart('/'), at, source, basePath, attempts)),
        };

        if (result is null && required)
        {
            throw new ConfigParseException(at, $"the required include \"{name}\" was not found (looked for {string.Join(", ", attempts)})");
        }

        return result;
    }

    private static bool LooksLikeUrl(string name) =>
        !Path.IsPathRooted(name) && Uri.TryCreate(name, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1;

    private static string RelativeResourceName(string including, string name)
    {
        if (name.StartsWith('/'))
        {
            return name[1..];
        }

        var slash = including.LastIndexOf('/');
        return slash < 0 ? name : string.Concat(including.AsSpan(0, slash + 1), name);
    }

    /// <summary>A name without extension means every known format: JSON first, then HOCON (which wins).</summary>
    private static IEnumerable<string> Candidates(string name) =>
        Path.HasExtension(name) ? [name] : [name + ".json", name + ".conf", name];

    private static ObjectNode? IncludeFile(string name, ConfigOrigin at, ParseSource source, HoconPath basePath, List<string> attempts)
    {
        var directory = source.FilePath is not null
            ? Path.GetDirectoryName(source.FilePath) ?? string.Empty
            : source.Options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var resolved = Path.IsPathRooted(name) ? name : Path.Combine(directory, name);
        ObjectNode? merged = null;
        foreach (var candidate in Candidates(resolved))
        {
            attempts.Add(candidate);
            if (!File.Exists(candidate) || (merged is not null && !Path.HasExtension(candidate)))
            {
                continue;
            }

            var identity = ParseSource.FileIdentity(candidate);
            CheckChain(identity, candidate, at, source);
            string text;
            try
            {
                text = File.ReadAllText(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigParseException(at, $"could not read the included file {candidate}: {e.Message}", e);
            }

            var parsed = HoconParser.Parse(text, ParseSource.ForFile(candidate, source.Options, source.IncludeChain), basePath);
            (merged ??= new ObjectNode(parsed.Origin)).AddAll(parsed);
        }

        return merged;
    }

    private static ObjectNode? IncludeResource(string name, ConfigOrigin at, ParseSource source, HoconPath basePath, List<string> attempts)
    {
        var resolver = source.Options.IncludeResolver;
        if (resolver is null)
        {
            attempts.Add($"resource {name} (no include resolver is configured)");
            return null;
        }

        ObjectNode? merged = null;
        foreach (var candidate in Candidates(name))
        {
            attempts.Add("resource " + candidate);
            if (merged is not null && !Path.HasExtension(candidate))
            {
                continue;
            }

            var text = resolver.ReadResource(candidate);
            if (text is null)
            {
                continue;
            }

            CheckChain(ParseSource.ResourceIdentity(candidate), candidate, at, source);
            var parsed = HoconParser.Parse(text, ParseSource.ForResource(candidate, candidate, source.Options, source.IncludeChain), basePath);
            (merged ??= new ObjectNode(parsed.Origin)).AddAll(parsed);
        }

        return merged;
    }

    private static void CheckChain(string identity, string described, ConfigOrigin at, ParseSource source)
    {
        if (source.IncludeChain.Contains(identity))
        {
            var chain = string.Join(" -> ", source.IncludeChain.Select(Strip).Append(Strip(identity)));
            throw new ConfigParseException(at, $"include cycle: {chain}");
        }

        if (source.IncludeChain.Count >= MaxDepth)
        {
            throw new ConfigParseException(at, $"includes are nested more than {MaxDepth} deep at {described}");
        }

        static string Strip(string id) => id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..];
    }
}
