using ActorStreams.Hocon;
using ActorStreams.Persistence;

namespace ActorStreams.Node;

/// <summary>Reads the store named by <c>actorstreams.store.uri</c> / <c>--store</c> (forms: <see cref="StateStoreUri"/>).</summary>
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

    /// <summary>Where <paramref name="uri"/> points; relative SQLite paths resolve against the working directory.</summary>
    /// <exception cref="ConfigException">The URI is not one of the accepted forms.</exception>
    public static StoreLocation Locate(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            return StateStoreUri.Locate(uri);
        }
        catch (FormatException ex)
        {
            throw Invalid(uri, ex);
        }
    }

    private static ConfigBadValueException Invalid(string uri, FormatException error) =>
        new(Key, $"{Key} must be {StateStoreUri.AcceptedForms}, got \"{StateStoreUri.Redact(uri)}\" ({error.Message})", origin: null);
}
