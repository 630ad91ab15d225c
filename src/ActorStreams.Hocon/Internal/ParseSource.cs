namespace ActorStreams.Hocon.Internal;

/// <summary>What is being parsed: its description for origins, where includes are relative to, and the include chain.</summary>
internal sealed class ParseSource
{
    public ParseSource(string description, string? filePath, string? resourceName, ConfigParseOptions options, IReadOnlyList<string> includeChain)
    {
        Description = description;
        FilePath = filePath;
        ResourceName = resourceName;
        Options = options;
        IncludeChain = includeChain;
    }

    public string Description { get; }

    /// <summary>The file's path as given (relative includes are relative to its directory), or null.</summary>
    public string? FilePath { get; }

    /// <summary>The resource's name (relative resource includes are relative to its "directory"), or null.</summary>
    public string? ResourceName { get; }

    public ConfigParseOptions Options { get; }

    /// <summary>Identities (<c>file:/full/path</c>, <c>resource:name</c>) of the sources being parsed, outermost first.</summary>
    public IReadOnlyList<string> IncludeChain { get; }

    public static ParseSource ForString(string description, ConfigParseOptions options) => new(description, null, null, options, []);

    public static ParseSource ForFile(string path, ConfigParseOptions options, IReadOnlyList<string> outerChain) =>
        new(path, path, null, options, [.. outerChain, FileIdentity(path)]);

    public static ParseSource ForResource(string name, string description, ConfigParseOptions options, IReadOnlyList<string> outerChain) =>
        new(description, null, name, options, [.. outerChain, ResourceIdentity(name)]);

    public static string FileIdentity(string path) => "file:" + Path.GetFullPath(path);

    public static string ResourceIdentity(string name) => "resource:" + name;
}
