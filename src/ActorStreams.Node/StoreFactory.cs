using ActorStreams.Hocon;
using ActorStreams.Persistence;

namespace ActorStreams.Node;

/// <summary>Opens the state store named by <c>actorstreams.store.uri</c> / <c>--store</c>.</summary>
public static class StoreFactory
{
    /// <summary>Checks the store URI's form; the error names the key and the accepted forms.</summary>
    /// <exception cref="ConfigException">The URI is not one of the accepted forms.</exception>
    public static void Validate(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!IsMemory(uri))
        {
            throw new ConfigBadValueException(
                "actorstreams.store.uri",
                $"actorstreams.store.uri must be \"memory\", got \"{uri}\" (sqlite:<path> and postgres://user@host:port/db arrive with durable state)",
                origin: null);
        }
    }

    /// <summary>Creates the store for <paramref name="uri"/> (not yet initialized).</summary>
    public static IStateStore Create(string uri)
    {
        Validate(uri);
        return new InMemoryStateStore();
    }

    private static bool IsMemory(string uri) => string.Equals(uri, "memory", StringComparison.OrdinalIgnoreCase);
}
