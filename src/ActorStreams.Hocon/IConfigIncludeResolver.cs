namespace ActorStreams.Hocon;

/// <summary>
/// Supplies the text of resources named by <c>include classpath("name")</c>, the .NET counterpart of
/// Java class-path resources. <see cref="AssemblyResourceIncludeResolver"/> reads embedded resources.
/// </summary>
public interface IConfigIncludeResolver
{
    /// <summary>Reads the named resource.</summary>
    /// <param name="name">The resource name, with '/' separating "directories" (for example <c>akka/reference.conf</c>).</param>
    /// <returns>The resource's text, or null when there is no such resource.</returns>
    string? ReadResource(string name);
}
