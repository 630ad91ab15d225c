using System.Collections;

namespace ActorStreams.Hocon.Internal;

/// <summary>Reads environment variables from an injected dictionary or, when none is given, from the process.</summary>
internal static class EnvironmentVariables
{
    public static Func<string, string?> Lookup(IDictionary? environment)
    {
        if (environment is null)
        {
            return Environment.GetEnvironmentVariable;
        }

        var snapshot = Snapshot(environment);
        return name => snapshot.GetValueOrDefault(name);
    }

    public static Dictionary<string, string> Snapshot(IDictionary? environment)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && entry.Value is not null)
            {
                snapshot[name] = entry.Value.ToString() ?? string.Empty;
            }
        }

        return snapshot;
    }
}
