namespace ActorStreams.Hocon;

/// <summary>
/// Where a configuration value or error comes from: a file path, resource name or other description,
/// with the 1-based line and column. Line 0 means the source has no positions (an environment variable,
/// a command-line override).
/// </summary>
/// <param name="Description">The file path as it was given, a resource name, or a description such as <c>string</c>.</param>
/// <param name="Line">1-based line, or 0 when the source has no lines.</param>
/// <param name="Column">1-based column, or 0 when the source has no lines.</param>
public sealed record ConfigOrigin(string Description, int Line, int Column)
{
    /// <summary>Formats the origin as <c>description:line:column</c> (just the description when it has no position).</summary>
    public override string ToString() => Line > 0 ? $"{Description}:{Line}:{Column}" : Description;
}
