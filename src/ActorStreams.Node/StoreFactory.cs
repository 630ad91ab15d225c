using ActorStreams.Hocon;
using ActorStreams.Persistence;

namespace ActorStreams.Node;

/// <summary>Opens the state store named by <c>actorstreams.store.uri</c> / <c>--store</c> (forms: <see cref="StateStoreUri"/>).</summary>
public static class StoreFactory
{
    private const string Key = "actorstreams.store.uri";

    /// <summary>Checks the store URI's form; the error names the key and the accepted forms.</summary>
    /// <exception cref="ConfigException">The URI is not one of the accepted forms.</exception>
    public static void Validate(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            StateStoreUri.Validate(uri);
        }
        catch (FormatException ex)
        {
            throw Invalid(uri, ex);
        }
    }

    /// <summary>Creates the store for <paramref name="uri"/> (not yet initialized); relative SQLite paths resolve against the working directory.</summary>
    /// <exception cref="ConfigException">The URI is not one of the accepted forms.</exception>
    public static IStateStore Create(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            return StateStoreUri.Create(uri);
        }
        catch (FormatException ex)
        {
            throw Invalid(uri, ex);
        }
    }

    private static ConfigBadValueException Invalid(string uri, FormatException error) =>
        new(Key, $"{Key} must be {StateStoreUri.AcceptedForms}, got \"{StateStoreUri.Redact(uri)}\" ({error.Message})", origin: null);
}
