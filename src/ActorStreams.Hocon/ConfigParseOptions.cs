namespace ActorStreams.Hocon;

/// <summary>How text is parsed: where includes are looked up.</summary>
public sealed record ConfigParseOptions
{
    /// <summary>No include resolver, relative includes of parsed strings relative to the working directory.</summary>
    public static ConfigParseOptions Default { get; } = new();

    /// <summary>
    /// Finds <c>include classpath("...")</c> resources (and <c>include "..."</c> names that are not files);
    /// null means such includes find nothing.
    /// </summary>
    public IConfigIncludeResolver? IncludeResolver { get; init; }

    /// <summary>
    /// The directory relative file includes are resolved against when the text being parsed is not a file
    /// (a file's includes are always relative to its own directory). Null means the working directory.
    /// </summary>
    public string? BaseDirectory { get; init; }
}
