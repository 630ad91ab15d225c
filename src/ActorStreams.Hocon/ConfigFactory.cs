using System.Collections;
using System.Reflection;
using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon;

/// <summary>Creates configurations: parses text, files and embedded resources, maps overrides and the environment, and loads the layered application configuration.</summary>
public static class ConfigFactory
{
    /// <summary>The empty, resolved configuration.</summary>
    public static Config Empty { get; } = new(new ConfigObject(new OrderedDictionary<string, ConfigValue>(StringComparer.Ordinal), null), HoconPath.Root);

    /// <summary>Parses HOCON (or JSON) text. The result is unresolved when the text has substitutions.</summary>
    /// <param name="text">The text.</param>
    /// <param name="originDescription">How errors and origins name the text; <c>string</c> when null.</param>
    /// <param name="options">Include settings; <see cref="ConfigParseOptions.Default"/> when null.</param>
    /// <returns>The parsed configuration.</returns>
    /// <exception cref="ConfigParseException">The text is not valid HOCON, or an include failed.</exception>
    public static Config ParseString(string text, string? originDescription = null, ConfigParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = ParseSource.ForString(originDescription ?? "string", options ?? ConfigParseOptions.Default);
        return new Config([HoconParser.Parse(text, source, HoconPath.Root)], HoconPath.Root);
    }

    /// <summary>Parses a HOCON (or JSON) file; its relative includes are relative to its directory.</summary>
    /// <param name="path">The file path; errors name the file by this path.</param>
    /// <param name="options">Include settings; <see cref="ConfigParseOptions.Default"/> when null.</param>
    /// <returns>The parsed configuration.</returns>
    /// <exception cref="ConfigException">The file does not exist or cannot be read.</exception>
    /// <exception cref="ConfigParseException">The text is not valid HOCON, or an include failed.</exception>
    public static Config ParseFile(string path, ConfigParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ConfigException($"the configuration file {path} does not exist (full path {System.IO.Path.GetFullPath(path)})");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"could not read the configuration file {path}: {e.Message}", null, e);
        }

        var source = ParseSource.ForFile(path, options ?? ConfigParseOptions.Default, []);
        return new Config([HoconParser.Parse(text, source, HoconPath.Root)], HoconPath.Root);
    }

    /// <summary>
    /// Parses an embedded resource of <paramref name="assembly"/>, found by exact manifest name or dotted
    /// suffix (see <see cref="AssemblyResourceIncludeResolver"/>). Its includes resolve against the same
    /// assembly unless <paramref name="options"/> gives a resolver.
    /// </summary>
    /// <param name="assembly">The assembly that embeds the resource.</param>
    /// <param name="resourceName">The manifest resource name, or a suffix of it such as <c>reference.conf</c>.</param>
    /// <param name="options">Include settings.</param>
    /// <returns>The parsed configuration.</returns>
    /// <exception cref="ConfigException">The resource does not exist.</exception>
    public static Config ParseResource(Assembly assembly, string resourceName, ConfigParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourceName);
        var own = new AssemblyResourceIncludeResolver([assembly]);
        var text = own.ReadResource(resourceName)
            ?? throw new ConfigException($"the embedded resource {resourceName} does not exist in {assembly.GetName().Name} (it has: {string.Join(", ", assembly.GetManifestResourceNames())})");
        var effective = options ?? ConfigParseOptions.Default;
        if (effective.IncludeResolver is null)
        {
            effective = effective with { IncludeResolver = own };
        }

        var source = ParseSource.ForResource(resourceName, resourceName, effective, []);
        return new Config([HoconParser.Parse(text, source, HoconPath.Root)], HoconPath.Root);
    }

    /// <summary>
    /// Builds a configuration from overrides: keys are HOCON paths; a value that parses as exactly one
    /// HOCON value (number, boolean, null, quoted string, list or object, without substitutions) takes
    /// that type, anything else is kept verbatim as a string (<c>localhost:9092</c>, <c>a b</c>).
    /// Later overrides of the same key win.
    /// </summary>
    /// <param name="overrides">Path and value pairs.</param>
    /// <param name="originDescription">How origins describe the source, followed by the key (<c>override a.b</c>).</param>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="ConfigException">A key is not a valid path expression.</exception>
    public static Config ParseOverrides(IEnumerable<KeyValuePair<string, string>> overrides, string originDescription = "override")
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var root = new ObjectNode(new ConfigOrigin(originDescription, 0, 0));
        foreach (var (key, text) in overrides)
        {
            HoconPath path;
            try
            {
                path = HoconPath.Parse(key);
            }
            catch (ConfigException e)
            {
                throw new ConfigException($"the {originDescription} key '{key}' is not a valid path: {e.Message}", null, e);
            }

            var origin = new ConfigOrigin($"{originDescription} {key}", 0, 0);
            OverrideValue.Add(root, path, OverrideValue.Parse(text ?? string.Empty, origin), origin);
        }

        return new Config([root], HoconPath.Root);
    }

    /// <summary>
    /// Maps environment variables named <c>PREFIX__SEGMENT__...</c> to configuration keys: <c>__</c>
    /// separates keys, a single <c>_</c> becomes <c>-</c>, and names are lower-cased, so
    /// <c>ACTORSTREAMS__CLUSTER__GROUP_ID</c> sets <c>actorstreams.cluster.group-id</c>. Values are read as
    /// in <see cref="ParseOverrides"/>. Variables that merely start with the prefix (<c>ACTORSTREAMS_HOME</c>) are ignored.
    /// </summary>
    /// <param name="prefix">The variable prefix, which also becomes the first key.</param>
    /// <param name="env">The environment, variable name to value; null means the process environment.</param>
    /// <returns>The resolved configuration of the matching variables.</returns>
    /// <exception cref="ConfigException">A matching variable has an empty key segment.</exception>
    public static Config FromEnvironment(string prefix = "ACTORSTREAMS", IDictionary? env = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var root = new ObjectNode(new ConfigOrigin("environment", 0, 0));
        var start = prefix + "__";
        foreach (var (name, text) in EnvironmentVariables.Snapshot(env).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var segments = name.Split("__");
            if (segments.Any(s => s.Length == 0))
            {
                throw new ConfigException($"the environment variable {name} does not name a configuration key: '__' separates keys, so it cannot be doubled or end the name");
            }

            var path = HoconPath.Of([.. segments.Select(s => s.ToLowerInvariant().Replace('_', '-'))]);
            var origin = new ConfigOrigin($"environment variable {name}", 0, 0);
            OverrideValue.Add(root, path, OverrideValue.Parse(text, origin), origin);
        }

        return new Config([root], HoconPath.Root);
    }

    /// <summary>
    /// Loads the application configuration, lowest precedence first: every embedded <c>*reference.conf</c>
    /// of <see cref="ConfigLoadOptions.ReferenceAssemblies"/>, the application file (if present), the
    /// <c>--config</c> file (must exist when given), environment overrides, explicit overrides. The layers
    /// are combined unresolved and resolved once, so substitutions and self-references span files.
    /// </summary>
    /// <param name="options">The inputs.</param>
    /// <returns>The resolved configuration.</returns>
    public static Config Load(ConfigLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseDirectory = options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var parseOptions = new ConfigParseOptions
        {
            IncludeResolver = options.ReferenceAssemblies.Count > 0 ? new AssemblyResourceIncludeResolver(options.ReferenceAssemblies) : null,
            BaseDirectory = baseDirectory,
        };

        var merged = Empty;
        foreach (var assembly in options.ReferenceAssemblies)
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(IsReference).Order(StringComparer.Ordinal))
            {
                merged = ParseResource(assembly, name, parseOptions with { IncludeResolver = new AssemblyResourceIncludeResolver([assembly, .. options.ReferenceAssemblies]) })
                    .WithFallback(merged);
            }
        }

        if (options.ApplicationFile is { } applicationFile)
        {
            var path = System.IO.Path.Combine(baseDirectory, applicationFile);
            if (File.Exists(path))
            {
                merged = ParseFile(path, parseOptions).WithFallback(merged);
            }
        }

        if (options.ConfigFile is { } configFile)
        {
            merged = ParseFile(configFile, parseOptions).WithFallback(merged);
        }

        merged = FromEnvironment(options.EnvironmentPrefix, options.Environment).WithFallback(merged);
        merged = ParseOverrides(options.Overrides, "command-line override").WithFallback(merged);
        return merged.Resolve(new ConfigResolveOptions { Environment = options.Environment });

        static bool IsReference(string name) => name.EndsWith("reference.conf", StringComparison.Ordinal);
    }
}
